// A minimal Pulumi language host for Node.js programs ("pulumi-language-nodejs").
//
// Why this exists: the official Node.js language host is not published as a fetchable Go module, so
// on machines without the Pulumi installer (offline CI, sandboxes) scripts/pulumi-cli/install.sh
// builds the Pulumi CLI from the published Go modules and this small host next to it.
//
// What it does: it serves the LanguageRuntime gRPC service on a free 127.0.0.1 port, prints that port
// on stdout (the engine reads the first line), and for Run spawns
//
//	node <project>/node_modules/@pulumi/pulumi/cmd/run --monitor ... --engine ... <entry point>
//
// with the stack configuration in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS, i.e. the same contract
// the SDK's run script expects. Plugin discovery is not implemented (GetRequiredPackages answers
// empty): the dynamic provider plugin `pulumi-resource-pulumi-nodejs` is found on PATH, and this
// project uses no other Pulumi packages. Dependency installation is left to npm.
//
// Command line (as passed by the engine): [flags] <engine address>. Known flags: -tracing <url>,
// -root <dir>, -typescript[=bool], -tsconfig <path>, -nodeargs <args>, -v=<n>, -logtostderr,
// -logflow. Unknown flags are ignored; the last non-flag argument is the engine address.
//
// Set PULUMI_LANGUAGE_NODEJS_RPC_LOG=<file> to append one line per RPC call to <file>.
package main

import (
	"context"
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
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Exit code of @pulumi/pulumi/cmd/run when it has already reported the error to the user
// (nodeJSProcessExitedAfterLoggingUserActionableMessage in cmd/run/index.js).
const exitCodeErrorAlreadyReported = 32

type options struct {
	engineAddress string
	tracing       string
	root          string
	typescript    *bool
	tsconfig      string
	nodeargs      string
	verbose       int
	logToStderr   bool
	logFlow       bool
}

// Flags that take a value in the next argument when written without "=".
var valueFlags = map[string]bool{
	"tracing": true, "root": true, "tsconfig": true, "nodeargs": true, "packagemanager": true,
	"binary": true, "v": true, "verbose": true,
}

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
			// -v is normally written as -v=N; only take the next argument when it looks like a number.
			if (name == "v" || name == "verbose") && !isNumber(args[i+1]) {
				value, hasValue = "", false
			} else {
				i++
				value, hasValue = args[i], true
			}
		}
		switch name {
		case "tracing":
			o.tracing = value
		case "root":
			o.root = value
		case "tsconfig":
			o.tsconfig = value
		case "nodeargs":
			o.nodeargs = value
		case "typescript":
			b := true
			if hasValue {
				b = parseBool(value, true)
			}
			o.typescript = &b
		case "v", "verbose":
			if n, err := strconv.Atoi(value); err == nil {
				o.verbose = n
			}
		case "logtostderr":
			o.logToStderr = !hasValue || parseBool(value, true)
		case "logflow":
			o.logFlow = !hasValue || parseBool(value, true)
		default:
			// Unknown flag: ignored.
		}
	}
	// The engine passes its address as the last argument.
	if len(positional) > 0 {
		o.engineAddress = positional[len(positional)-1]
	}
	return o
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

func parseBool(s string, def bool) bool {
	b, err := strconv.ParseBool(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return b
}

var rpcLog struct {
	sync.Mutex
	path string
}

func logRPC(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	logging.V(5).Infof("pulumi-language-nodejs: %s", msg)
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
	logging.InitLogging(opts.logToStderr, opts.verbose, opts.logFlow)
	rpcLog.path = os.Getenv("PULUMI_LANGUAGE_NODEJS_RPC_LOG")
	logRPC("start args=%q", os.Args[1:])

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// Exit when the engine goes away, as other plugins do.
	if opts.engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, opts.engineAddress, 5*time.Minute, cancel); err != nil {
			fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start health check: %v\n", err)
			os.Exit(1)
		}
	}

	host := &languageHost{opts: opts, engineAddress: opts.engineAddress}
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
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start the gRPC server: %v\n", err)
		os.Exit(1)
	}

	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)

	go func() {
		<-ctx.Done()
		close(stop)
	}()
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	opts options

	mu            sync.Mutex
	engineAddress string
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
	msg := "pulumi-language-nodejs (minimal host): not installing dependencies; run `npm ci` or `npm install` yourself\n"
	return server.Send(&pulumirpc.InstallDependenciesResponse{Stderr: []byte(msg)})
}

func (h *languageHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	logRPC("About")
	resp := &pulumirpc.AboutResponse{Metadata: map[string]string{"host": "minimal"}}
	node, err := exec.LookPath("node")
	if err != nil {
		return resp, nil
	}
	resp.Executable = node
	if out, err := exec.CommandContext(ctx, node, "--version").Output(); err == nil {
		resp.Version = strings.TrimPrefix(strings.TrimSpace(string(out)), "v")
	}
	return resp, nil
}

// GetProgramDependencies lists the dependencies declared in the program's package.json with the
// versions installed in node_modules (used by `pulumi about`).
func (h *languageHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	logRPC("GetProgramDependencies program=%s", dir)
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	pkgDir := findUp(dir, "package.json")
	if pkgDir == "" {
		return resp, nil
	}
	var manifest struct {
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	data, err := os.ReadFile(filepath.Join(pkgDir, "package.json"))
	if err != nil || json.Unmarshal(data, &manifest) != nil {
		return resp, nil
	}
	for _, deps := range []map[string]string{manifest.Dependencies, manifest.DevDependencies} {
		for name, spec := range deps {
			v := spec
			if p := findUp(pkgDir, filepath.Join("node_modules", name, "package.json")); p != "" {
				var installed struct {
					Version string `json:"version"`
				}
				if b, err := os.ReadFile(filepath.Join(p, "node_modules", name, "package.json")); err == nil &&
					json.Unmarshal(b, &installed) == nil && installed.Version != "" {
					v = installed.Version
				}
			}
			resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: name, Version: v})
		}
	}
	return resp, nil
}

// findUp returns the first directory, starting at dir and walking up, that contains rel.
func findUp(dir, rel string) string {
	if dir == "" {
		return ""
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, rel)); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// runtimeOptions are the `runtime.options` of Pulumi.yaml that this host understands.
type runtimeOptions struct {
	typescript bool
	tsconfig   string
	nodeargs   string
}

func (h *languageHost) runtimeOptions(opts *structpb.Struct) runtimeOptions {
	ro := runtimeOptions{typescript: true, tsconfig: h.opts.tsconfig, nodeargs: h.opts.nodeargs}
	if h.opts.typescript != nil {
		ro.typescript = *h.opts.typescript
	}
	if opts == nil {
		return ro
	}
	fields := opts.GetFields()
	if v, ok := fields["typescript"]; ok {
		switch k := v.GetKind().(type) {
		case *structpb.Value_BoolValue:
			ro.typescript = k.BoolValue
		case *structpb.Value_StringValue:
			ro.typescript = parseBool(k.StringValue, true)
		}
	}
	if v, ok := fields["tsconfig"]; ok && v.GetStringValue() != "" {
		ro.tsconfig = v.GetStringValue()
	}
	if v, ok := fields["nodeargs"]; ok && v.GetStringValue() != "" {
		ro.nodeargs = v.GetStringValue()
	}
	return ro
}

func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir := info.GetProgramDirectory()
	entry := info.GetEntryPoint()
	rootDir := info.GetRootDirectory()
	if programDir == "" {
		// Old engines: only the deprecated Program field and Pwd.
		programDir = req.GetPwd()
		entry = req.GetProgram()
	}
	if rootDir == "" {
		rootDir = h.opts.root
	}
	if entry == "" {
		entry = "."
	}
	logRPC("Run project=%s stack=%s dryRun=%v programDir=%s entry=%s pwd=%s parallel=%d configKeys=%d secretKeys=%v",
		req.GetProject(), req.GetStack(), req.GetDryRun(), programDir, entry, req.GetPwd(), req.GetParallel(),
		len(req.GetConfig()), req.GetConfigSecretKeys())

	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find `node` on PATH: install Node.js"}, nil
	}

	sdkDir := findUp(programDir, filepath.Join("node_modules", "@pulumi", "pulumi", "cmd", "run", "index.js"))
	if sdkDir == "" {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"could not find node_modules/@pulumi/pulumi from %s: it looks like the Pulumi SDK has not been "+
				"installed. Have you run `npm install`?", programDir)}, nil
	}
	runScript := filepath.Join(sdkDir, "node_modules", "@pulumi", "pulumi", "cmd", "run")

	ro := h.runtimeOptions(info.GetOptions())

	var args []string
	args = append(args, strings.Fields(ro.nodeargs)...)
	args = append(args, runScript)
	h.mu.Lock()
	engineAddress := h.engineAddress
	h.mu.Unlock()
	args = append(args, "--monitor="+req.GetMonitorAddress())
	if engineAddress != "" {
		args = append(args, "--engine="+engineAddress)
	}
	args = append(args, "--project="+req.GetProject(), "--stack="+req.GetStack())
	if req.GetPwd() != "" {
		args = append(args, "--pwd="+req.GetPwd())
	}
	if req.GetOrganization() != "" {
		args = append(args, "--organization="+req.GetOrganization())
	}
	if rootDir != "" {
		args = append(args, "--root-directory="+rootDir)
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	parallel := req.GetParallel()
	if parallel < 1 {
		parallel = 1
	}
	args = append(args, "--parallel="+strconv.Itoa(int(parallel)))
	if h.opts.tracing != "" {
		args = append(args, "--tracing="+h.opts.tracing)
	}
	// The run script resolves a relative program against --pwd; "." means "use package.json's main".
	program := entry
	if entry != "." && !filepath.IsAbs(entry) {
		program = filepath.Join(programDir, entry)
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

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

	env := os.Environ()
	env = append(env,
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
	)
	if ro.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if ro.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+ro.tsconfig)
	}

	cmd := exec.Command(node, args...)
	cmd.Dir = programDir
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	logRPC("Run exec %s %q", node, args)

	if err := cmd.Start(); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not start node: %v", err)}, nil
	}
	waitErr := make(chan error, 1)
	go func() { waitErr <- cmd.Wait() }()

	select {
	case err = <-waitErr:
	case <-ctx.Done():
		// The engine gave up on this run (cancellation): stop the program, then wait for it.
		_ = cmd.Process.Signal(syscall.SIGINT)
		select {
		case err = <-waitErr:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			err = <-waitErr
		}
	}

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
					Error: fmt.Sprintf("Program exited with non-zero exit code: %d", status.ExitStatus()),
				}, nil
			case status.Signaled():
				logRPC("Run done: signal %v", status.Signal())
				return &pulumirpc.RunResponse{
					Error: fmt.Sprintf("Program exited unexpectedly: %v", status.Signal()),
				}, nil
			}
		}
	}
	logRPC("Run done: %v", err)
	return &pulumirpc.RunResponse{Error: fmt.Sprintf("Problem executing program (could not run language executor): %v", err)}, nil
}
