# Runs a Pulumi Python program with the `pulumi` package of the interpreter running this script.
#
# Embedded in our minimal `pulumi-language-python` host (main.go), which writes it to a private
# temporary directory and runs `<python> run.py --monitor ... --stack ... PROGRAM [ARGS...]`, with the
# stack configuration in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS. It follows the contract of the
# official host's `pulumi-language-python-exec` (pulumi v3.248.0): the same arguments, the runtime set
# up through `pulumi.runtime.set_all_config`, `Settings` and `configure`, the program run with `runpy`
# inside `run_in_stack` on a fresh event loop whose default executor has 4 threads per unit of
# parallelism, and exit code 32 when the error has already been shown to the user.
import argparse
import asyncio
import inspect
import logging
import os
import runpy
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor

# The user's program must not import modules from the temporary directory holding this script.
_here = os.path.dirname(os.path.abspath(__file__))
if sys.path and os.path.abspath(sys.path[0] or ".") == _here:
    del sys.path[0]

# Exit code that tells the host the error was already reported (it then answers Bail).
ERROR_ALREADY_REPORTED = 32

try:
    import pulumi
    import pulumi.runtime
except ImportError:
    print(traceback.format_exc(), file=sys.stderr)
    print(
        "\nThe `pulumi` Python package is not installed for " + sys.executable + ".\n"
        "Install it into the project's virtualenv (Pulumi.yaml runtime.options.virtualenv), e.g.\n"
        "    <virtualenv>/bin/python -m pip install -r requirements.txt",
        file=sys.stderr,
    )
    sys.exit(1)


def parse_args():
    p = argparse.ArgumentParser(description="Run a Pulumi Python program")
    for name in (
        "project",
        "root_directory",
        "stack",
        "parallel",
        "dry_run",
        "pwd",
        "monitor",
        "engine",
        "tracing",
        "organization",
    ):
        p.add_argument("--" + name)
    p.add_argument("PROGRAM")
    p.add_argument("ARGS", nargs="*")
    return p.parse_args()


def load_config():
    config = pulumi.runtime.get_config_env()
    if hasattr(pulumi.runtime, "set_all_config") and hasattr(pulumi.runtime, "get_config_secret_keys_env"):
        pulumi.runtime.set_all_config(config, pulumi.runtime.get_config_secret_keys_env())
    else:  # older SDKs
        for key, value in config.items():
            pulumi.runtime.set_config(key, value)


def make_settings(args):
    kwargs = {
        "monitor": args.monitor,
        "engine": args.engine,
        "project": args.project,
        "stack": args.stack,
        "parallel": int(args.parallel) if args.parallel else None,
        "dry_run": args.dry_run == "true",
        "organization": args.organization,
        "root_directory": args.root_directory,
    }
    try:
        return pulumi.runtime.Settings(**kwargs)
    except TypeError:
        # An SDK whose Settings does not take every argument above: pass the ones it knows.
        known = inspect.signature(pulumi.runtime.Settings.__init__).parameters
        return pulumi.runtime.Settings(**{k: v for k, v in kwargs.items() if k in known})


def user_traceback(program):
    """The traceback from the first frame of the user's program on, or the whole one."""
    main = _module_path(program)
    frames = traceback.extract_tb(sys.exc_info()[2])
    for i, frame in enumerate(frames):
        if _module_path(frame.filename) == main:
            return traceback.format_exc(limit=-(len(frames) - i))
    return traceback.format_exc()


def _module_path(path):
    base, ext = os.path.splitext(path)
    return os.path.abspath(base if ext else os.path.join(base, "__main__"))


def main():
    args = parse_args()
    load_config()
    settings = make_settings(args)
    pulumi.runtime.configure(settings)

    sys.argv = [args.PROGRAM] + args.ARGS
    if args.pwd:
        os.chdir(args.pwd)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    executor = None
    if settings.parallel is not None:
        executor = ThreadPoolExecutor(max_workers=max(settings.parallel, 1) * 4)
        loop.set_default_executor(executor)

    # A failed deployment leaves futures nobody awaited; asyncio's complaints about them are noise.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)

    program = os.path.abspath(args.PROGRAM)
    missing_main = os.path.isdir(program) and not os.path.exists(os.path.join(program, "__main__.py"))

    def run():
        if missing_main:
            pulumi.log.error(f"unable to find main python program `__main__.py` in `{program}`")
            sys.exit(ERROR_ALREADY_REPORTED)
        runpy.run_path(args.PROGRAM, run_name="__main__")

    exit_code = 1
    try:
        loop.run_until_complete(pulumi.runtime.run_in_stack(run))
        exit_code = 0
    except pulumi.RunError as e:
        pulumi.log.error(str(e))
    except Exception:  # noqa: BLE001 -- every error of the program is reported the same way
        pulumi.log.error("Program failed with an unhandled exception:\n" + user_traceback(args.PROGRAM))
        exit_code = ERROR_ALREADY_REPORTED
    finally:
        if executor is not None:
            executor.shutdown(wait=True)
        loop.close()
        sys.stdout.flush()
        sys.stderr.flush()
    sys.exit(exit_code)


if __name__ == "__main__":
    main()
