"""Definitions built with Scalekit's official Python SDK (2.21.0) models, for the conformance tests.

    python sdk_models.py build        prints [{"name", "definition"}] built with AuthPattern & co, via to_dict()
    python sdk_models.py decode       reads [auth pattern dicts] on stdin, prints AuthPattern.from_dict(p).to_dict() for each

Only scalekit/actions/models/custom_provider.py is loaded (by file path): importing the scalekit
package would pull in its gRPC transport, which the tests never use.
"""
import importlib.util
import json
import os
import sys
import sysconfig


def load_models():
    for base in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        path = os.path.join(base, "scalekit", "actions", "models", "custom_provider.py")
        if os.path.exists(path):
            spec = importlib.util.spec_from_file_location("scalekit_custom_provider", path)
            module = importlib.util.module_from_spec(spec)
            # Registered before running, so pydantic resolves the models' forward references.
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
            for model in (module.AuthField, module.AuthPattern):
                model.model_rebuild()
            return module
    sys.exit("scalekit-sdk-python is not installed in this interpreter (run scripts/python-sdk/install.sh)")


m = load_models()
AuthPattern, AuthField, AuthFieldOption, OAuthConfig = m.AuthPattern, m.AuthField, m.AuthFieldOption, m.OAuthConfig


def definition(name, pattern, proxy_url, **rest):
    return {"display_name": name, "auth_patterns": [pattern.to_dict()], "proxy_url": proxy_url, "proxy_enabled": True, **rest}


def build():
    region = AuthField(
        field_name="access_type",
        label="Access type",
        input_type="select",
        required=True,
        options=[
            AuthFieldOption(value="online", display_name="Online"),
            AuthFieldOption(value="offline", display_name="Offline", description="With a refresh token", default=True),
        ],
    )
    cases = [
        ("bearer", definition("Sdk Bearer", AuthPattern(
            type="BEARER", display_name="API Token",
            fields=[AuthField(field_name="token", label="Bearer Token", input_type="password", required=True, hint="Settings then API")],
        ), "https://api.example.com")),
        ("api key single header", definition("Sdk Api Key", AuthPattern(
            type="API_KEY", display_name="API Key", auth_header_key_override="x-api-key",
            fields=[AuthField(field_name="api_key", label="API Key", input_type="password", required=True)],
        ), "https://api.example.com/v1")),
        ("api key multiple headers", definition("Sdk Multi Header", AuthPattern(
            type="API_KEY", display_name="Two Keys",
            fields=[
                AuthField(field_name="api_key", label="Key", input_type="password", required=True, header_name="X-Api-Key"),
                AuthField(field_name="account_id", label="Account", input_type="text", header_name="X-Account-Id"),
            ],
        ), "https://api.example.com")),
        ("oauth with a select field", definition("Sdk OAuth Select", AuthPattern(
            type="OAUTH", display_name="OAuth", description="Sign in with Example",
            oauth_config=OAuthConfig(pkce_enabled=True), fields=[region],
            allowed_proxy_domains=["api.example.com", "eu.api.example.com"],
        ), "https://api.example.com")),
        ("mcp oauth (dynamic client registration)", definition("Sdk Mcp OAuth", AuthPattern(
            type="OAUTH", display_name="MCP OAuth", is_mcp=True, oauth_config=OAuthConfig(),
        ), "https://mcp.example.com/mcp")),
        ("mcp no auth", definition("Sdk Docs Mcp", AuthPattern(type="NO_AUTH", display_name="None", is_mcp=True), "https://docs.example.com/mcp")),
        ("textarea and account fields", definition("Sdk Textarea", AuthPattern(
            type="BEARER", display_name="Service Account",
            fields=[AuthField(field_name="token", label="Service account JSON", input_type="textarea", required=True)],
            account_fields=[AuthField(field_name="workspace", label="Workspace", is_path_param=True)],
        ), "https://api.example.com/{{workspace}}")),
        ("a key the SDK does not declare", definition("Sdk Extra Key", AuthPattern(
            type="BEARER", display_name="Token", rotation_days=30,
            fields=[AuthField(field_name="token", label="Token", input_type="password", required=True)],
        ), "https://api.example.com")),
    ]
    print(json.dumps([{"name": n, "definition": d} for n, d in cases]))


def decode():
    patterns = json.load(sys.stdin)
    print(json.dumps([AuthPattern.from_dict(p).to_dict() for p in patterns]))


if __name__ == "__main__":
    {"build": build, "decode": decode}[sys.argv[1]]()
