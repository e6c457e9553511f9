"""A throwaway PostgreSQL cluster for the server tests (not a test itself):

    with pgcluster.Cluster() as pg:
        url = pg.url()                      # the superuser over TCP
        rc, out, err = pg.psql("SELECT 1")  # the superuser, as text rows

initdb into a temporary folder, listening on 127.0.0.1 on a free port with
its unix socket in that folder, TCP logins by password (scram-sha-256),
a superuser with a random password.  Run as root, the server runs as the
unprivileged user nobody (PostgreSQL refuses root).  Stopped and removed
on leaving the with block, and at exit whatever happened (atexit), so a
failing test leaves no server behind.  Uses Debian's postgresql package
(make check installs it); nothing is skipped when it is missing: the
test fails, saying so.
"""
import atexit
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time

SUPERUSER = "swot_admin"


def bin_dir():
    """The newest /usr/lib/postgresql/N/bin with initdb."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if not found:
        raise RuntimeError("no PostgreSQL server: /usr/lib/postgresql/*/bin/initdb "
                           "is missing (apt-get install postgresql)")
    return os.path.dirname(found[-1])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, db="school"):
        self.db = db
        self.password = secrets.token_hex(12)
        self.bin = bin_dir()
        self.dir = None
        self.port = None
        self.running = False

    # -- running the server's programs as its user --
    def _as_owner(self, argv):
        if os.geteuid() == 0:
            return ["runuser", "-u", "nobody", "--"] + argv
        return argv

    def _run(self, argv, **kw):
        return subprocess.run(self._as_owner(argv), capture_output=True, text=True,
                              **kw)

    def start(self):
        self.dir = tempfile.mkdtemp(prefix="swot-pg-")
        atexit.register(self.stop)
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(self.dir, nobody.pw_uid, nobody.pw_gid)
        pwfile = os.path.join(self.dir, "pw")
        with open(pwfile, "w") as f:
            f.write(self.password + "\n")
        if os.geteuid() == 0:
            os.chown(pwfile, nobody.pw_uid, nobody.pw_gid)
        data = os.path.join(self.dir, "data")
        p = self._run([self.bin + "/initdb", "-D", data, "-U", SUPERUSER,
                       "--pwfile", pwfile, "-A", "scram-sha-256", "--auth-local=trust",
                       "-E", "UTF8", "--no-locale", "-N"])
        os.unlink(pwfile)
        if p.returncode:
            raise RuntimeError("initdb failed: " + p.stderr[-2000:])
        # fsync off: only a crash of the machine could lose data, never of
        # the server (tests stop it with -m immediate); commits stay
        # synchronous, so a commit a client saw survives that stop
        for attempt in range(5):
            self.port = free_port()
            opts = ("-c listen_addresses=127.0.0.1 -p %d -c unix_socket_directories=%s "
                    "-c fsync=off -c full_page_writes=off "
                    "-c max_connections=100" % (self.port, self.dir))
            p = self._run([self.bin + "/pg_ctl", "-D", data, "-l",
                           os.path.join(self.dir, "log"), "-o", opts, "-w", "-t", "30",
                           "start"])
            if p.returncode == 0:
                break
        else:
            raise RuntimeError("the server did not start: " + self.log()[-2000:])
        self.running = True
        rc, out, err = self.psql("CREATE DATABASE %s" % self.db, db="postgres")
        if rc:
            raise RuntimeError("cannot create the database: " + err)
        return self

    def log(self):
        try:
            with open(os.path.join(self.dir, "log")) as f:
                return f.read()
        except OSError:
            return ""

    def stop(self, mode="fast"):
        """Stops the server (mode "immediate" is a crash) and, unless
        keep, removes its folder."""
        if self.running:
            self._run([self.bin + "/pg_ctl", "-D", os.path.join(self.dir, "data"),
                       "-m", mode, "-w", "stop"])
            self.running = False
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def halt(self, mode="immediate"):
        """Stops the server, keeping its data (restart with restart())."""
        self._run([self.bin + "/pg_ctl", "-D", os.path.join(self.dir, "data"),
                   "-m", mode, "-w", "stop"])
        self.running = False

    def restart(self):
        opts = ("-c listen_addresses=127.0.0.1 -p %d -c unix_socket_directories=%s "
                "-c fsync=off" % (self.port, self.dir))
        p = self._run([self.bin + "/pg_ctl", "-D", os.path.join(self.dir, "data"), "-l",
                       os.path.join(self.dir, "log"), "-o", opts, "-w", "start"])
        if p.returncode:
            raise RuntimeError("the server did not restart: " + self.log()[-2000:])
        self.running = True

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    # -- talking to it --
    def url(self, user=SUPERUSER, password=None, db=None):
        """A postgresql:// URL over TCP (the superuser's by default)."""
        if password is None and user == SUPERUSER:
            password = self.password
        auth = user if password is None else "%s:%s" % (user, password)
        return "postgresql://%s@127.0.0.1:%d/%s" % (auth, self.port, db or self.db)

    def psql(self, sql, url=None, db=None, timeout=60):
        """Runs sql with psql (stopping at the first error): as the
        superuser over the unix socket, or as url's login over TCP.
        Returns (exit status, unaligned rows, stderr)."""
        if url is None:
            target = ["-h", self.dir, "-p", str(self.port), "-U", SUPERUSER,
                      "-d", db or self.db]
        else:
            target = ["-d", url]
        p = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                            "-c", sql] + target, capture_output=True, text=True,
                           timeout=timeout, env=dict(os.environ, PGCONNECT_TIMEOUT="10"))
        return p.returncode, p.stdout.strip(), p.stderr.strip()

    def value(self, sql, db=None):
        """The superuser's answer to sql, as text."""
        rc, out, err = self.psql(sql, db=db)
        if rc:
            raise RuntimeError("%s: %s" % (sql, err))
        return out
