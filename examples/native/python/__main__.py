"""Two Scalekit environments from one Python program: the default provider (the stack's scalekit:*
config) and an explicit one for production (scalekitProd:*), with a lookup. See docs/languages/python.md."""
import pulumi
import pulumi_scalekit as scalekit

config = pulumi.Config()
prod_config = pulumi.Config("scalekitProd")
prod = scalekit.Provider("prod",
    environment_url=prod_config.require("environmentUrl"),
    client_id=prod_config.require("clientId"),
    client_secret=prod_config.require_secret("clientSecret"))

pattern = scalekit.AuthPatternArgs(
    type="BEARER",
    display_name="Bearer token",
    fields=[scalekit.FieldArgs(field_name="token", label="API Key", input_type="password", required=True)],
)
tavily = scalekit.CustomProvider("tavily",
    display_name="My Tavily",
    description=config.get("description") or "Web search",
    auth_patterns=[pattern],
    proxy_url="https://api.tavily.com")
docs = scalekit.CustomProvider("docs",
    definition={
        "display_name": "Public Docs MCP",
        "auth_patterns": [{"type": "NO_AUTH", "display_name": "None", "is_mcp": True, "fields": [], "a_key_from_the_future": "kept"}],
        "proxy_url": "https://docs.example.com/mcp",
    },
    opts=pulumi.ResourceOptions(provider=prod))

pulumi.export("identifier", tavily.identifier)
pulumi.export("managedBy", tavily.managed_by)
if config.get_bool("lookup"):
    found = scalekit.get_custom_provider_output(display_name="Public Docs MCP", opts=pulumi.InvokeOptions(provider=prod))
    pulumi.export("docsInProd", found.identifier)
