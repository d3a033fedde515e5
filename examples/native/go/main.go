// Two Scalekit environments from one Go program: the default provider (the stack's scalekit:*
// config) and an explicit one for production (scalekitProd:*), with a lookup. See docs/languages/go.md.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/scalekit-pulumi/pulumi-scalekit-providers/sdk/go/scalekit"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		prodConfig := config.New(ctx, "scalekitProd")
		prod, err := scalekit.NewProvider(ctx, "prod", &scalekit.ProviderArgs{
			EnvironmentUrl: pulumi.String(prodConfig.Require("environmentUrl")),
			ClientId:       pulumi.String(prodConfig.Require("clientId")),
			ClientSecret:   prodConfig.RequireSecret("clientSecret"),
		})
		if err != nil {
			return err
		}
		tavily, err := scalekit.NewCustomProvider(ctx, "tavily", &scalekit.CustomProviderArgs{
			DisplayName: pulumi.String("My Tavily"),
			AuthPatterns: scalekit.AuthPatternArray{scalekit.AuthPatternArgs{
				Type:        pulumi.String("BEARER"),
				DisplayName: pulumi.String("Bearer token"),
				Fields: scalekit.FieldArray{scalekit.FieldArgs{
					FieldName: pulumi.String("token"),
					Label:     pulumi.String("API Key"),
					InputType: pulumi.String("password"),
					Required:  pulumi.Bool(true),
				}},
			}},
			ProxyUrl: pulumi.String("https://api.tavily.com"),
		})
		if err != nil {
			return err
		}
		// Scalekit's own JSON, pasted from its docs, in production.
		docs, err := scalekit.NewCustomProvider(ctx, "docs", &scalekit.CustomProviderArgs{
			Definition: pulumi.Any(map[string]interface{}{
				"display_name":  "Public Docs MCP",
				"auth_patterns": []interface{}{map[string]interface{}{"type": "NO_AUTH", "display_name": "None", "is_mcp": true, "fields": []interface{}{}}},
				"proxy_url":     "https://docs.example.com/mcp",
			}),
		}, pulumi.Provider(prod))
		if err != nil {
			return err
		}
		ctx.Export("tavily", tavily.Identifier)
		ctx.Export("docs", docs.Identifier)
		// Read-only: one provider of production by name (the result's definition is secret).
		found := scalekit.LookupCustomProviderOutput(ctx, scalekit.LookupCustomProviderOutputArgs{
			DisplayName: pulumi.String("Public Docs MCP"),
		}, pulumi.Provider(prod), pulumi.DependsOn([]pulumi.Resource{docs}))
		ctx.Export("docsInProd", found.Identifier())
		return nil
	})
}
