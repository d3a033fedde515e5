//go:build tools

// Never built: it keeps pkg/v3 at the CLI's version in go.mod, so that the modules shared with the
// Pulumi CLI that scripts/pulumi-cli/install.sh builds are at the same versions, and the Go build cache
// it filled compiles a generated Go SDK in seconds.
package deps

import _ "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
