// Two Scalekit environments from one C# program: the default provider (the stack's scalekit:*
// config) and an explicit one for production (scalekitProd:*). See docs/languages/csharp.md.
using System.Collections.Generic;
using Pulumi;
using Scalekit = Pulumi.Scalekit;

return await Deployment.RunAsync(() =>
{
    var prodConfig = new Config("scalekitProd");
    var prod = new Scalekit.Provider("prod", new Scalekit.ProviderArgs
    {
        EnvironmentUrl = prodConfig.Require("environmentUrl"),
        ClientId = prodConfig.Require("clientId"),
        ClientSecret = prodConfig.RequireSecret("clientSecret"),
    });

    var tavily = new Scalekit.CustomProvider("tavily", new Scalekit.CustomProviderArgs
    {
        DisplayName = "My Tavily",
        AuthPatterns =
        {
            new Scalekit.Inputs.AuthPatternArgs
            {
                Type = "BEARER",
                DisplayName = "Bearer token",
                Fields =
                {
                    new Scalekit.Inputs.FieldArgs { FieldName = "token", Label = "API Key", InputType = "password", Required = true },
                },
            },
        },
        ProxyUrl = "https://api.tavily.com",
    });

    // Scalekit's own JSON, pasted from its docs, in production.
    var docs = new Scalekit.CustomProvider("docs", new Scalekit.CustomProviderArgs
    {
        Definition = new Dictionary<string, object>
        {
            ["display_name"] = "Public Docs MCP",
            ["auth_patterns"] = new[] { new Dictionary<string, object> { ["type"] = "NO_AUTH", ["display_name"] = "None", ["is_mcp"] = true, ["fields"] = new object[0] } },
            ["proxy_url"] = "https://docs.example.com/mcp",
        },
    }, new CustomResourceOptions { Provider = prod });

    return new Dictionary<string, object?>
    {
        ["tavily"] = tavily.Identifier,
        ["docs"] = docs.Identifier,
    };
});
