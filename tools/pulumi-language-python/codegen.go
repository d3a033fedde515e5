// Code generation: the LanguageRuntime RPCs that turn PCL or a schema into Python, and link a generated
// SDK into a program. Each does what the official host (sdk/python/cmd/pulumi-language-python/main.go
// of pulumi v3.248.0) does, with the same pkg/v3 code generator (pkg/v3/codegen/python): the schemas
// come from the engine's loader server (request.LoaderTarget), which asks the provider plugins.
//
//   - GenerateProgram: `pulumi import --out FILE` (and `pulumi convert`) hand the imported resources as
//     PCL; the answer is __main__.py.
//   - GenerateProject: `pulumi convert --language python` (a whole project directory).
//   - GeneratePackage: `pulumi package add` / `pulumi package gen-sdk --language python` write an SDK.
//   - Link: `pulumi package add` adds the generated SDK's folder to requirements.txt (pip only) and says
//     how to import it. Installing it is left to the user, as InstallDependencies is.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	hclsyntax "github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// bindOptions are the official host's: output-versioned invokes for Python, and the lenient binding
// unless the request is strict.
func bindOptions(strict bool) []pcl.BindOption {
	opts := []pcl.BindOption{pcl.PreferOutputVersionedInvokes}
	if !strict {
		opts = append(opts, pcl.NonStrictBindOptions()...)
	}
	return opts
}

func (h *languageHost) GenerateProgram(
	ctx context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	names := make([]string, 0, len(req.GetSource()))
	for name := range req.GetSource() {
		names = append(names, name)
	}
	sort.Strings(names)
	logRPC("GenerateProgram files=%q strict=%v", names, req.GetStrict())

	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()

	parser := hclsyntax.NewParser()
	for _, name := range names {
		if err := parser.ParseFile(strings.NewReader(req.GetSource()[name]), name); err != nil {
			return nil, err
		}
		if parser.Diagnostics.HasErrors() {
			return nil, parser.Diagnostics
		}
	}

	program, diags, err := pcl.BindProgram(parser.Files, schema.NewCachedLoader(loader), bindOptions(req.GetStrict())...)
	if err != nil {
		return nil, err
	}
	rpcDiagnostics := plugin.HclDiagnosticsToRPCDiagnostics(diags)
	if diags.HasErrors() {
		logRPC("GenerateProgram done: %d diagnostics, with errors", len(rpcDiagnostics))
		return &pulumirpc.GenerateProgramResponse{Diagnostics: rpcDiagnostics}, nil
	}
	if program == nil {
		return nil, errors.New("internal error: the bound program is nil")
	}

	files, diags, err := codegen.GenerateProgram(program)
	if err != nil {
		return nil, err
	}
	rpcDiagnostics = append(rpcDiagnostics, plugin.HclDiagnosticsToRPCDiagnostics(diags)...)
	logRPC("GenerateProgram done: %d files, %d diagnostics", len(files), len(rpcDiagnostics))
	return &pulumirpc.GenerateProgramResponse{Source: files, Diagnostics: rpcDiagnostics}, nil
}

func (h *languageHost) GenerateProject(
	ctx context.Context, req *pulumirpc.GenerateProjectRequest,
) (*pulumirpc.GenerateProjectResponse, error) {
	logRPC("GenerateProject source=%s target=%s strict=%v", req.GetSourceDirectory(), req.GetTargetDirectory(),
		req.GetStrict())
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()

	program, diags, err := pcl.BindDirectory(req.GetSourceDirectory(), schema.NewCachedLoader(loader),
		bindOptions(req.GetStrict())...)
	if err != nil {
		return nil, err
	}
	rpcDiagnostics := plugin.HclDiagnosticsToRPCDiagnostics(diags)
	if diags.HasErrors() {
		return &pulumirpc.GenerateProjectResponse{Diagnostics: rpcDiagnostics}, nil
	}

	var project workspace.Project
	if err := json.Unmarshal([]byte(req.GetProject()), &project); err != nil {
		return nil, err
	}
	// The official host passes its -typechecker and -toolchain flags here; this one has neither, which
	// is the official host's default too (pip, no type checker).
	if err := codegen.GenerateProject(
		req.GetTargetDirectory(), project, program, req.GetLocalDependencies(), "", "",
	); err != nil {
		return nil, err
	}
	return &pulumirpc.GenerateProjectResponse{Diagnostics: rpcDiagnostics}, nil
}

func (h *languageHost) GeneratePackage(
	ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	logRPC("GeneratePackage dir=%s extraFiles=%d local=%v", req.GetDirectory(), len(req.GetExtraFiles()), req.GetLocal())
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, err
	}
	pkg, diags, err := schema.BindSpec(spec, schema.NewCachedLoader(loader), schema.ValidationOptions{
		AllowDanglingReferences: true,
	})
	if err != nil {
		return nil, err
	}
	rpcDiagnostics := plugin.HclDiagnosticsToRPCDiagnostics(diags)
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: rpcDiagnostics}, nil
	}

	files, err := codegen.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), schema.NewCachedLoader(loader))
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		out := filepath.Join(req.GetDirectory(), name)
		if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
			return nil, fmt.Errorf("creating %s for the SDK: %w", filepath.Dir(out), err)
		}
		if err := os.WriteFile(out, data, 0o600); err != nil {
			return nil, fmt.Errorf("writing the SDK's %s: %w", name, err)
		}
	}
	logRPC("GeneratePackage done: %s %s, %d files", pkg.Name, pkg.Version, len(files))
	return &pulumirpc.GeneratePackageResponse{Diagnostics: rpcDiagnostics}, nil
}

// Link records generated SDKs in the program after `pulumi package add`. This host knows the pip
// toolchain only: each SDK's folder (relative to the program, e.g. sdks/scalekit) is appended to
// requirements.txt unless it is there already; installing it is left to the user, as InstallDependencies is.
func (h *languageHost) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	logRPC("Link program=%s packages=%d", dir, len(req.GetPackages()))
	file := filepath.Join(dir, "requirements.txt")
	text, err := os.ReadFile(file)
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	present := map[string]bool{}
	for _, line := range strings.Split(string(text), "\n") {
		present[strings.TrimSpace(line)] = true
	}
	var lines, modules []string
	for _, dep := range req.GetPackages() {
		name := dep.GetPackage().GetName()
		if name == "pulumi" {
			continue
		}
		if entry := filepath.ToSlash(dep.GetPath()); !present[entry] {
			lines = append(lines, entry)
			present[entry] = true
		}
		modules = append(modules, "pulumi_"+strings.ReplaceAll(name, "-", "_"))
	}
	if len(lines) > 0 {
		out := string(text)
		if out != "" && !strings.HasSuffix(out, "\n") {
			out += "\n"
		}
		if err := os.WriteFile(file, []byte(out+strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
			return nil, fmt.Errorf("writing %s: %w", file, err)
		}
	}
	logRPC("Link done: added %v", lines)
	return &pulumirpc.LinkResponse{
		ImportInstructions: "requirements.txt lists the SDK: pip install -r requirements.txt in the virtualenv, then in Python:\n\n  import " +
			strings.Join(modules, "\n  import ") + "\n",
	}, nil
}
