// Code generation: the LanguageRuntime RPCs that turn PCL or a schema into Python, and link a generated
// SDK into a program. Each does what the official host (sdk/python/cmd/pulumi-language-python/main.go
// of pulumi v3.248.0) does, with the same pkg/v3 code generator (pkg/v3/codegen/python): the schemas
// come from the engine's loader server (request.LoaderTarget), which asks the provider plugins.
//
//   - GenerateProgram: `pulumi import --out FILE` (and `pulumi convert`) hand the imported resources as
//     PCL; the answer is __main__.py.
//   - GenerateProject: `pulumi convert --language python` (a whole project directory).
//   - GeneratePackage: `pulumi package add` / `pulumi package gen-sdk --language python` write an SDK.
//   - Link: `pulumi package add` adds the generated SDK's path to requirements.txt (the pip toolchain; a
//     pyproject.toml with poetry or uv as the official host does) and says how to import it. Installing
//     it is InstallDependencies' job, which this minimal host leaves to the user.
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

	"github.com/blang/semver"

	hclsyntax "github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
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
			return nil, fmt.Errorf("could not create output directory %s: %w", filepath.Dir(name), err)
		}
		if err := os.WriteFile(out, data, 0o600); err != nil {
			return nil, fmt.Errorf("could not write output file %s: %w", name, err)
		}
	}
	logRPC("GeneratePackage done: %s %s, %d files", pkg.Name, pkg.Version, len(files))
	return &pulumirpc.GeneratePackageResponse{Diagnostics: rpcDiagnostics}, nil
}

func (h *languageHost) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	info := req.GetInfo()
	logRPC("Link root=%s program=%s packages=%d", info.GetRootDirectory(), info.GetProgramDirectory(), len(req.GetPackages()))
	opts, err := pythonOptions(info)
	if err != nil {
		return nil, err
	}

	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	cachedLoader := schema.NewCachedLoader(loader)

	instructions := "You can import the SDK in your Python code with:\n\n"
	if len(req.GetPackages()) > 1 {
		instructions = "You can import the SDKs in your Python code with:\n\n"
	}

	// The Python distribution name of each package to the path of its SDK (relative to the root).
	packages := map[string]string{}
	var imports strings.Builder
	for _, dep := range req.GetPackages() {
		desc := dep.GetPackage()
		if desc.GetName() == "pulumi" {
			packages["pulumi"] = dep.GetPath()
			continue
		}
		descriptor := &schema.PackageDescriptor{Name: desc.GetName(), DownloadURL: desc.GetServer()}
		if v, err := semver.New(desc.GetVersion()); err == nil {
			descriptor.Version = v
		}
		if p := desc.GetParameterization(); p != nil {
			descriptor.Parameterization = &schema.ParameterizationDescriptor{Name: p.GetName(), Value: p.GetValue()}
			if p.GetVersion() != "" {
				if v, err := semver.New(p.GetVersion()); err == nil {
					descriptor.Parameterization.Version = *v
				}
			}
		}

		ref, err := schema.LoadPackageReferenceV2(ctx, cachedLoader, descriptor)
		if err != nil {
			return nil, err
		}
		pkg, err := ref.Definition()
		if err != nil {
			return nil, err
		}
		if err := pkg.ImportLanguages(map[string]schema.Language{"python": codegen.Importer}); err != nil {
			return nil, err
		}
		var importName, packageName string
		if pyInfo, ok := pkg.Language["python"].(codegen.PackageInfo); ok && pyInfo.PackageName != "" {
			importName, packageName = pyInfo.PackageName, pyInfo.PackageName
		}
		if importName == "" {
			importName = strings.ReplaceAll(ref.Name(), "-", "_")
		}
		if packageName == "" {
			packageName = codegen.PyPack(ref.Namespace(), ref.Name())
		}
		packages[packageName] = dep.GetPath()
		fmt.Fprintf(&imports, "  import %s as %s\n", packageName, importName)
	}
	instructions += imports.String()

	// As the official host: without pyproject.toml (poetry and uv before `pulumi install`), the package
	// goes into requirements.txt.
	if opts.Toolchain != toolchain.Pip {
		if _, err := os.Stat(filepath.Join(info.GetProgramDirectory(), "pyproject.toml")); os.IsNotExist(err) {
			if _, err := os.Stat(filepath.Join(info.GetProgramDirectory(), "requirements.txt")); os.IsNotExist(err) {
				return nil, fmt.Errorf("no pyproject.toml or requirements.txt found in %s", info.GetProgramDirectory())
			}
			opts.Toolchain = toolchain.Pip
		}
	}
	tc, err := toolchain.ResolveToolchain(opts)
	if err != nil {
		return nil, err
	}
	if err := tc.LinkPackages(ctx, packages); err != nil {
		return nil, fmt.Errorf("linking packages: %w", err)
	}
	logRPC("Link done: %v", packages)
	return &pulumirpc.LinkResponse{ImportInstructions: instructions}, nil
}
