"""A throwaway OpenSSH server running the README's kiosk recipes, for the end-to-end tests.

Everything lives in the test's folder: host key, user key, sshd_config,
authorized_keys and pid file.  sshd listens on a free loopback port and lets
in only the current user (root under CI, with a key only), so nothing on the
machine is changed except, when it is missing, Debian's empty privilege
separation folder /run/sshd, which sshd refuses to start without.  The
configuration comes from the README's own blocks, so the recipe that people
copy is the one that is tested.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import ROOT
from tests.serving import TIMEOUT, free_port

SSHD = "/usr/sbin/sshd"
PRIVSEP = Path("/run/sshd")
#: The placeholders the README's recipes use.
README_COMMAND = "/opt/planscope/bin/planscope"
README_DB = "/srv/planscope/plans.duckdb"
README_USER = "planscope"


def missing() -> str | None:
    """Why the sshd tests cannot run here, or None."""
    for tool in (SSHD, shutil.which("ssh"), shutil.which("ssh-keygen"), shutil.which("tmux")):
        if not tool or not os.path.exists(tool):
            return "OpenSSH (server and client) and tmux are needed: apt-get install openssh-server tmux"
    if not PRIVSEP.is_dir() and os.geteuid() != 0:
        return f"sshd needs {PRIVSEP}, and only root may create it"
    return None


def readme_block(marker: str) -> str:
    """The fenced block that follows ``<!-- test:MARKER -->`` in the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"<!-- test:{re.escape(marker)} -->\s*```[a-z_]*\n(.*?)```", text, re.S)
    if found is None:
        raise AssertionError(f"README.md has no block marked test:{marker}")
    return found.group(1)


def planscope_command() -> str:
    """The installed planscope command of the Python running the tests."""
    script = Path(sys.executable).parent / "planscope"
    return str(script) if script.exists() else f"{sys.executable} -m planscope"


class Sshd:
    """sshd on a free loopback port whose only login runs ``planscope --kiosk --db DB``.

    ``recipe`` is ``force-command`` (the README's sshd_config block) or
    ``authorized-keys`` (its ``restrict,pty,command=`` line, with no hardening
    in sshd_config, so the key options alone must hold).
    """

    def __init__(self, folder: Path, db: Path, recipe: str) -> None:
        self.folder = folder
        self.db = db
        self.port = free_port()
        self.user = getpass.getuser()
        self.key = folder / "user_key"
        host_key = folder / "host_key"
        for key in (self.key, host_key):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        public = (folder / "user_key.pub").read_text().strip()
        authorized = public
        config = [
            f"Port {self.port}",
            "ListenAddress 127.0.0.1",
            f"HostKey {host_key}",
            f"PidFile {folder / 'sshd.pid'}",
            f"AuthorizedKeysFile {folder / 'authorized_keys'}",
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",  # the test folder is not laid out like a home
            "AcceptEnv PLANSCOPE_DB",  # so the test proves that kiosk mode ignores it
        ]
        if recipe == "force-command":
            config.append(self._filled(readme_block("sshd-config")))
        else:
            line = self._filled(readme_block("authorized-keys")).strip()
            options = re.match(r'\S*command="[^"]*"', line)
            assert options is not None, f"the README's authorized_keys line has no command=: {line}"
            authorized = f"{options.group(0)} {public}"
        (folder / "authorized_keys").write_text(authorized + "\n")
        (folder / "sshd_config").write_text("\n".join(config) + "\n")
        if not PRIVSEP.is_dir():
            PRIVSEP.mkdir(mode=0o755)
        self.log = (folder / "sshd.log").open("w")
        self.process = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(folder / "sshd_config")], stdout=self.log, stderr=subprocess.STDOUT
        )
        self._wait_listening()

    def _filled(self, block: str) -> str:
        """A README block with its placeholders replaced by this test's command, database and user."""
        block = block.replace(README_COMMAND, planscope_command()).replace(README_DB, str(self.db))
        return block.replace(f"Match User {README_USER}", f"Match User {self.user}")

    def _wait_listening(self) -> None:
        deadline = time.monotonic() + TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"sshd exited: {(self.folder / 'sshd.log').read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=2):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("sshd did not start listening") from None
                time.sleep(0.1)

    def ssh(self, *options: str) -> list[str]:
        """An ``ssh`` command line to this server with the test key and no user configuration."""
        return [
            "ssh",
            "-F",
            "/dev/null",
            "-i",
            str(self.key),
            "-p",
            str(self.port),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=accept-new",
            "-o",
            f"UserKnownHostsFile={self.folder / 'known_hosts'}",
            *options,
            f"{self.user}@127.0.0.1",
        ]

    def stop(self) -> None:
        """End this sshd (its sessions end with it)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
