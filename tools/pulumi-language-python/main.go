// A minimal Pulumi language host for Python programs ("pulumi-language-python").
//
// Why this exists: the official Python language host is not published as a fetchable Go module, so on
// machines without the Pulumi installer scripts/pulumi-cli/install.sh builds this small host next to
// the Pulumi CLI it builds from the published Go modules (as it does for tools/pulumi-language-nodejs).
//
// What it does: it serves the LanguageRuntime gRPC service on a free 127.0.0.1 port, prints that port
// on stdout (the engine reads the first line), and for Run executes
//
//	<python> run.py --monitor ... --engine ... --project ... --root_directory ... --stack ... --pwd ...
//	    --dry_run true|false --parallel N [--tracing ...] [--organization ...] <entry point> [args...]
//
// with the stack configuration in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS, as the official host
// runs its `pulumi-language-python-exec`. run.py (embedded, written to a private temporary directory
// per run) sets up the runtime of the PyPI `pulumi` package and runs the program. <python> is chosen
// as the official host chooses it, with the same code (sdk/v3/python/toolchain): the `python` of
// Pulumi.yaml's `runtime.options.virtualenv` (relative to the project directory), run with that
// virtualenv activated (VIRTUAL_ENV, PATH); without that option `python3`, else `python`, on PATH
// (or $PULUMI_PYTHON_CMD). The `toolchain` option (pip, poetry, uv) is honoured the same way.
//
// Code generation (codegen.go), with pkg/v3's Python generator as the official host: GenerateProgram
// (`pulumi import --out`), GenerateProject (`pulumi convert --language python`), GeneratePackage and
// Link (`pulumi package add`, `pulumi package gen-sdk --language python`).
//
// Not implemented: plugin discovery (GetRequiredPlugins/GetRequiredPackages answer empty: provider
// plugins are found on PATH, in the plugin cache, or through `plugins:` in Pulumi.yaml), dependency
// installation (`pulumi install` says so and does nothing; after `pulumi package add`, pip install the
// linked SDK yourself), the `typechecker` option, attaching a debugger, RunPlugin (Python policy packs
// and plugins), Pack, RuntimeOptionsPrompts and Template.
//
// Command line (as passed by the engine): [flags] <engine address>. Known flags: -tracing <url>,
// -v=<n>, -logtostderr, -logflow, -version. Unknown flags are ignored; the last non-flag argument is
// the engine address.
//
// Set PULUMI_LANGUAGE_PYTHON_RPC_LOG=<file> to append one line per RPC call to <file>.
package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

//go:embed run.py
var runScript []byte

// Exit code of run.py when it has already reported the error to the user.
const exitCodeErrorAlreadyReported = 32

type options struct {
	engineAddress string
	tracing       string
	verbose       int
	logToStderr   bool
	logFlow       bool
	version       bool
}

// Flags that take a value in the next argument when written without "=".
var valueFlags = map[string]bool{"tracing": true, "use-executor": true, "v": true, "verbose": true}

func parseArgs(args []string) options {
	var o options
	var positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			positional = append(positional, a)
			continue
		}
		name := strings.TrimLeft(a, "-")
		value, hasValue := "", false
		if eq := strings.IndexByte(name, '='); eq >= 0 {
			name, value, hasValue = name[:eq], name[eq+1:], true
		}
		if !hasValue && valueFlags[name] && i+1 < len(args) {
			// -v is normally written as -v=N; only take the next argument when it is a number.
			if name == "v" || name == "verbose" {
				if _, err := strconv.Atoi(args[i+1]); err == nil {
					i++
					value = args[i]
				}
			} else {
				i++
				value = args[i]
			}
		}
		switch name {
		case "tracing":
			o.tracing = value
		case "v", "verbose":
			if n, err := strconv.Atoi(value); err == nil {
				o.verbose = n
			}
		case "logtostderr":
			o.logToStderr = !hasValue || value == "true" || value == "1"
		case "logflow":
			o.logFlow = !hasValue || value == "true" || value == "1"
		case "version":
			o.version = true
		default:
			// Unknown flag (-use-executor, ...): ignored.
		}
	}
	if len(positional) > 0 {
		o.engineAddress = positional[len(positional)-1]
	}
	return o
}

var rpcLog struct {
	sync.Mutex
	path string
}

func logRPC(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	logging.V(5).Infof("pulumi-language-python: %s", msg)
	rpcLog.Lock()
	defer rpcLog.Unlock()
	if rpcLog.path == "" {
		return
	}
	f, err := os.OpenFile(rpcLog.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%s pid=%d %s\n", time.Now().Format(time.RFC3339Nano), os.Getpid(), msg)
}

func main() {
	opts := parseArgs(os.Args[1:])
	if opts.version {
		fmt.Println(version.Version)
		return
	}
	logging.InitLogging(opts.logToStderr, opts.verbose, opts.logFlow)
	rpcLog.path = os.Getenv("PULUMI_LANGUAGE_PYTHON_RPC_LOG")
	logRPC("start args=%q", os.Args[1:])

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// Exit when the engine goes away, as other plugins do.
	if opts.engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, opts.engineAddress, 5*time.Minute, cancel); err != nil {
			fmt.Fprintf(os.Stderr, "pulumi-language-python: could not start health check: %v\n", err)
			os.Exit(1)
		}
	}

	host := newHost(opts)
	stop := make(chan bool)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
		Options: rpcutil.TracingServerInterceptorOptions(nil),
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-python: could not start the gRPC server: %v\n", err)
		os.Exit(1)
	}

	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)

	go func() {
		<-ctx.Done()
		close(stop)
	}()
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-python: %v\n", err)
		os.Exit(1)
	}
}

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	opts options

	mu            sync.Mutex
	engineAddress string

	// Cancelled by the Cancel RPC: stops a running program.
	cancelCtx  context.Context
	cancelFunc context.CancelFunc
}

func newHost(opts options) *languageHost {
	ctx, cancel := context.WithCancel(context.Background())
	return &languageHost{opts: opts, engineAddress: opts.engineAddress, cancelCtx: ctx, cancelFunc: cancel}
}

func (h *languageHost) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	logRPC("Handshake engine=%s", req.GetEngineAddress())
	if req.GetEngineAddress() != "" {
		h.mu.Lock()
		h.engineAddress = req.GetEngineAddress()
		h.mu.Unlock()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *languageHost) GetPluginInfo(ctx context.Context, _ *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	logRPC("GetPluginInfo")
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

func (h *languageHost) GetRequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	logRPC("GetRequiredPlugins")
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *languageHost) GetRequiredPackages(
	ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	logRPC("GetRequiredPackages program=%s", req.GetInfo().GetProgramDirectory())
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *languageHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	logRPC("InstallDependencies dir=%s", req.GetInfo().GetProgramDirectory())
	msg := "pulumi-language-python (minimal host): not installing dependencies; create the virtualenv and " +
		"`pip install` into it yourself\n"
	return server.Send(&pulumirpc.InstallDependenciesResponse{Stderr: []byte(msg)})
}

func (h *languageHost) Cancel(ctx context.Context, _ *emptypb.Empty) (*emptypb.Empty, error) {
	logRPC("Cancel")
	h.cancelFunc()
	return &emptypb.Empty{}, nil
}

// pythonOptions reads the `runtime.options` of Pulumi.yaml that choose the interpreter.
func pythonOptions(info *pulumirpc.ProgramInfo) (toolchain.PythonOptions, error) {
	opts := toolchain.PythonOptions{Root: info.GetRootDirectory(), ProgramDir: info.GetProgramDirectory()}
	if opts.Root == "" {
		opts.Root = opts.ProgramDir
	}
	raw := info.GetOptions().AsMap()
	if v, ok := raw["virtualenv"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, errors.New("virtualenv option must be a string")
		}
		opts.Virtualenv = s
	}
	if v, ok := raw["toolchain"]; ok {
		switch v {
		case "pip":
			opts.Toolchain = toolchain.Pip
		case "poetry":
			opts.Toolchain = toolchain.Poetry
		case "uv":
			opts.Toolchain = toolchain.Uv
		default:
			return opts, fmt.Errorf("unsupported toolchain option: %v", v)
		}
	}
	if v, ok := raw["typechecker"]; ok && v != "" {
		return opts, fmt.Errorf("the typechecker option (%v) is not supported by this minimal pulumi-language-python", v)
	}
	return opts, nil
}

func (h *languageHost) resolve(info *pulumirpc.ProgramInfo) (toolchain.Toolchain, error) {
	opts, err := pythonOptions(info)
	if err != nil {
		return nil, err
	}
	return toolchain.ResolveToolchain(opts)
}

func (h *languageHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	logRPC("About")
	resp := &pulumirpc.AboutResponse{Metadata: map[string]string{"host": "minimal"}}
	tc, err := h.resolve(req.GetInfo())
	if err != nil {
		return nil, err
	}
	if about, err := tc.About(ctx); err == nil {
		resp.Executable = about.PythonExecutable
		resp.Version = about.PythonVersion.String()
	}
	return resp, nil
}

// GetProgramDependencies lists the packages installed for the program's interpreter (`pulumi about`).
func (h *languageHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	logRPC("GetProgramDependencies program=%s", req.GetInfo().GetProgramDirectory())
	tc, err := h.resolve(req.GetInfo())
	if err != nil {
		return nil, err
	}
	pkgs, err := tc.ListPackages(ctx, req.GetTransitiveDependencies())
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for _, p := range pkgs {
		resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
	}
	return resp, nil
}

// runArgs are run.py's arguments, as the official host passes them to its exec script.
func (h *languageHost) runArgs(req *pulumirpc.RunRequest, engineAddress string) []string {
	var args []string
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engineAddress)
	add("project", req.GetProject())
	add("root_directory", req.GetInfo().GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", req.GetPwd())
	add("dry_run", strconv.FormatBool(req.GetDryRun()))
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", h.opts.tracing)
	add("organization", req.GetOrganization())
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}

func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	logRPC("Run project=%s stack=%s dryRun=%v programDir=%s entry=%s pwd=%s parallel=%d configKeys=%d secretKeys=%v options=%v",
		req.GetProject(), req.GetStack(), req.GetDryRun(), info.GetProgramDirectory(), info.GetEntryPoint(),
		req.GetPwd(), req.GetParallel(), len(req.GetConfig()), req.GetConfigSecretKeys(), info.GetOptions().AsMap())
	if req.GetAttachDebugger() {
		return &pulumirpc.RunResponse{Error: "attaching a debugger is not supported by this minimal pulumi-language-python"}, nil
	}

	tc, err := h.resolve(info)
	if err != nil {
		return nil, err
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return nil, err
	}

	dir, err := os.MkdirTemp("", "pulumi-language-python-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "run.py")
	if err := os.WriteFile(script, runScript, 0o600); err != nil {
		return nil, err
	}

	h.mu.Lock()
	engineAddress := h.engineAddress
	h.mu.Unlock()
	args := append([]string{script}, h.runArgs(req, engineAddress)...)

	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, fmt.Errorf("marshalling config: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("marshalling config secret keys: %w", err)
	}

	// Stopped when the Cancel RPC comes or the engine abandons this request: SIGINT, then a kill 5 s later.
	runCtx, runCancel := context.WithCancel(h.cancelCtx)
	defer runCancel()
	stopWatching := context.AfterFunc(ctx, runCancel)
	defer stopWatching()

	cmd, err := tc.Command(runCtx, args...)
	if err != nil {
		return nil, err
	}
	cmd.Cancel = func() error {
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
	cmd.WaitDelay = 5 * time.Second
	if cmd.Dir == "" {
		cmd.Dir = req.GetPwd()
	}
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	env := cmd.Env
	if env == nil {
		env = os.Environ()
	}
	cmd.Env = append(env, "PULUMI_CONFIG="+string(configJSON), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	logRPC("Run exec %s %q", cmd.Path, cmd.Args[1:])

	err = cmd.Run()
	// Python does not flush on an abnormal exit: make sure the engine has seen all of it.
	_ = os.Stdout.Sync()
	_ = os.Stderr.Sync()
	if err == nil {
		logRPC("Run done: ok")
		return &pulumirpc.RunResponse{}, nil
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		if status, ok := exitErr.Sys().(syscall.WaitStatus); ok {
			switch {
			case status.Exited() && status.ExitStatus() == exitCodeErrorAlreadyReported:
				logRPC("Run done: bail (exit %d)", exitCodeErrorAlreadyReported)
				return &pulumirpc.RunResponse{Bail: true}, nil
			case status.Exited():
				logRPC("Run done: exit %d", status.ExitStatus())
				return &pulumirpc.RunResponse{
					Error: fmt.Sprintf("program exited with non-zero exit code: %d", status.ExitStatus()),
				}, nil
			}
		}
		logRPC("Run done: %v", exitErr)
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program exited unexpectedly: %v", exitErr)}, nil
	}
	logRPC("Run done: %v", err)
	return &pulumirpc.RunResponse{Error: fmt.Sprintf("problem executing program (could not run language executor): %v", err)}, nil
}
