# find, for the find stand-in, when the expression asks who owns a file: walks the tree as GNU find does
# (pre-order, or -depth) and answers -uid/-gid/-user/-group/-nouser/-nogroup, -printf's %u %g %U %G and -ls
# from the owners the stand-ins recorded ($SIM_ROOT/etc/sim/owners: a path not recorded belongs to the owner of
# its nearest recorded ancestor, else root, as _standin.sh's owner_of says) and the host's etc/passwd and
# etc/group. The rest of the language it handles: ( ) ! -not -a -and -o -or ,; -maxdepth -mindepth -depth
# -xdev -mount -noleaf -ignore_readdir_race; -name -iname -path -wholename -ipath -type -empty -true -false
# -perm (exact, -all, /any, octal); -print -print0 -printf -ls -prune -quit -exec/-execdir ... ; and +. Anything
# else is refused with one line, exit 1 (never a silently different answer).
import fnmatch
import os
import stat
import subprocess
import sys
import time

ROOT = os.environ["SIM_ROOT"]
OUT = sys.stdout.buffer


class Refused(Exception):
    pass


def read_ids(path):
    ids = {}
    try:
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split(":")
                if len(fields) > 2 and fields[2].isdigit():
                    ids.setdefault(fields[0], int(fields[2]))
    except FileNotFoundError:
        pass
    return ids


USERS = read_ids("etc/passwd")
GROUPS = read_ids("etc/group")
OWNERS = {}
try:
    with open(os.path.join(ROOT, "etc/sim/owners"), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 3:
                OWNERS[fields[0]] = (fields[1], fields[2])
except FileNotFoundError:
    pass


def owner_of(path):
    """(user, group) recorded for the path, its nearest recorded ancestor's, else root's."""
    q = os.path.realpath(path)
    while q:
        if q in OWNERS:
            return OWNERS[q]
        q = q[:q.rfind("/")]
    return ("root", "root")


class Entry:
    def __init__(self, path, start, depth, st):
        self.path, self.start, self.depth, self.st = path, start, depth, st
        self.pruned = False
        self._owner = None

    def owner(self):
        if self._owner is None:
            self._owner = owner_of(self.path)
        return self._owner

    def uid(self):
        return USERS.get(self.owner()[0])

    def gid(self):
        return GROUPS.get(self.owner()[1])

    def name(self):
        stripped = self.path.rstrip("/") or "/"
        return stripped if stripped == "/" else stripped.rsplit("/", 1)[-1]


def numeric(text, option):
    try:
        if text.startswith("+"):
            n = int(text[1:])
            return lambda v: v is not None and v > n
        if text.startswith("-"):
            n = int(text[1:])
            return lambda v: v is not None and v < n
        n = int(text)
        return lambda v: v is not None and v == n
    except ValueError:
        raise Refused("find: invalid argument `%s' to `%s'" % (text, option))


def type_char(st):
    mode = st.st_mode
    for test, char in ((stat.S_ISDIR, "d"), (stat.S_ISREG, "f"), (stat.S_ISLNK, "l"), (stat.S_ISFIFO, "p"),
                       (stat.S_ISSOCK, "s"), (stat.S_ISBLK, "b"), (stat.S_ISCHR, "c")):
        if test(mode):
            return char
    return "U"


ESCAPES = {"n": "\n", "t": "\t", "0": "\0", "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "r": "\r", "v": "\v"}


def printf_parts(fmt):
    """The format as (literal text | (flags, directive)) parts; an unknown directive is refused."""
    parts, i, text = [], 0, ""
    while i < len(fmt):
        c = fmt[i]
        if c == "\\" and i + 1 < len(fmt):
            if fmt[i + 1] not in ESCAPES:
                raise Refused("find: the sandbox's find does not handle the escape \\%s" % fmt[i + 1])
            text += ESCAPES[fmt[i + 1]]
            i += 2
        elif c == "%" and i + 1 < len(fmt):
            j = i + 1
            while j < len(fmt) and fmt[j] in "-+ #0123456789.":
                j += 1
            if j >= len(fmt):
                raise Refused("find: a %% at the end of the -printf format")
            if fmt[j] == "%":
                text += "%"
            else:
                if fmt[j] not in "pfhPuUgGmMysdi":
                    raise Refused("find: the sandbox's find does not handle %%%s in -printf" % fmt[j])
                if text:
                    parts.append(text)
                    text = ""
                parts.append((fmt[i + 1:j], fmt[j]))
            i = j + 1
        else:
            text += c
            i += 1
    if text:
        parts.append(text)
    return parts


def directive(entry, code):
    st = entry.st
    if code == "p":
        return entry.path
    if code == "f":
        return entry.name()
    if code == "h":
        head = entry.path.rstrip("/").rsplit("/", 1)
        return head[0] if len(head) == 2 else "."
    if code == "P":
        return entry.path[len(entry.start):].lstrip("/")
    if code == "u":
        return entry.owner()[0]
    if code == "g":
        return entry.owner()[1]
    if code == "U":
        uid = entry.uid()
        return str(uid) if uid is not None else entry.owner()[0]
    if code == "G":
        gid = entry.gid()
        return str(gid) if gid is not None else entry.owner()[1]
    if code == "m":
        return "%o" % stat.S_IMODE(st.st_mode)
    if code == "M":
        return stat.filemode(st.st_mode)
    if code == "y":
        return type_char(st)
    if code == "s":
        return str(st.st_size)
    if code == "d":
        return str(entry.depth)
    return str(st.st_ino)


def render(parts, entry):
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            flags, code = part
            value = directive(entry, code)
            out.append(("%" + flags + "s") % value if flags else value)
    return "".join(out)


def ls_line(entry):
    st = entry.st
    when = time.strftime("%b %e %H:%M", time.localtime(st.st_mtime))
    path = entry.path
    if stat.S_ISLNK(st.st_mode):
        path += " -> " + os.readlink(entry.path)
    return "%9d %6d %s %3d %-8s %-8s %8d %s %s\n" % (st.st_ino, (st.st_blocks + 1) // 2, stat.filemode(st.st_mode),
                                                   st.st_nlink, entry.owner()[0], entry.owner()[1], st.st_size, when, path)


class Run:
    """What the expression needs from the walk: options, pending -exec ... + batches, quitting, the exit code."""

    def __init__(self):
        self.maxdepth = None
        self.mindepth = 0
        self.depth_first = False
        self.quit = False
        self.batches = []
        self.status = 0


class Parser:
    def __init__(self, tokens, run):
        self.tokens, self.i, self.run, self.acted = tokens, 0, run, False

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self):
        token = self.peek()
        self.i += 1
        return token

    def argument(self, option):
        if self.peek() is None:
            raise Refused("find: missing argument to `%s'" % option)
        return self.take()

    def parse(self):
        if self.peek() is None:
            return lambda e: True
        node = self.comma()
        if self.peek() is not None:
            raise Refused("find: unexpected `%s'" % self.peek())
        return node

    def comma(self):
        node = self.disjunction()
        while self.peek() == ",":
            self.take()
            left, right = node, self.disjunction()
            node = lambda e, l=left, r=right: (l(e), r(e))[1]
        return node

    def disjunction(self):
        node = self.conjunction()
        while self.peek() in ("-o", "-or"):
            self.take()
            left, right = node, self.conjunction()
            node = lambda e, l=left, r=right: l(e) or r(e)
        return node

    def conjunction(self):
        node = self.unary()
        while self.peek() is not None and self.peek() not in ("-o", "-or", ")", ","):
            if self.peek() in ("-a", "-and"):
                self.take()
            left, right = node, self.unary()
            node = lambda e, l=left, r=right: l(e) and r(e)
        return node

    def unary(self):
        token = self.peek()
        if token in ("!", "-not"):
            self.take()
            inner = self.unary()
            return lambda e: not inner(e)
        if token == "(":
            self.take()
            inner = self.comma()
            if self.take() != ")":
                raise Refused("find: invalid expression; expected `)'")
            return inner
        if token is None:
            raise Refused("find: invalid expression; an operator needs something after it")
        return self.primary()

    def primary(self):
        token = self.take()
        run = self.run
        if token in ("-depth", "-d"):
            run.depth_first = True
            return lambda e: True
        if token in ("-xdev", "-mount", "-noleaf", "-ignore_readdir_race", "-nowarn", "-warn"):
            return lambda e: True
        if token in ("-maxdepth", "-mindepth"):
            value = self.argument(token)
            if not value.isdigit():
                raise Refused("find: invalid argument `%s' to `%s'" % (value, token))
            if token == "-maxdepth":
                run.maxdepth = int(value)
            else:
                run.mindepth = int(value)
            return lambda e: True
        if token == "-true":
            return lambda e: True
        if token == "-false":
            return lambda e: False
        if token in ("-name", "-iname"):
            pattern = self.argument(token)
            if token == "-iname":
                return lambda e: fnmatch.fnmatchcase(e.name().lower(), pattern.lower())
            return lambda e: fnmatch.fnmatchcase(e.name(), pattern)
        if token in ("-path", "-wholename", "-ipath", "-iwholename"):
            pattern = self.argument(token)
            if token.startswith("-i"):
                return lambda e: fnmatch.fnmatchcase(e.path.lower(), pattern.lower())
            return lambda e: fnmatch.fnmatchcase(e.path, pattern)
        if token == "-type":
            kinds = set(self.argument(token).split(","))
            return lambda e: type_char(e.st) in kinds
        if token == "-empty":
            return lambda e: (stat.S_ISREG(e.st.st_mode) and e.st.st_size == 0) or (
                stat.S_ISDIR(e.st.st_mode) and not os.listdir(e.path))
        if token == "-perm":
            return self.perm(self.argument(token))
        if token in ("-uid", "-gid"):
            test = numeric(self.argument(token), token)
            return (lambda e: test(e.uid())) if token == "-uid" else (lambda e: test(e.gid()))
        if token in ("-user", "-group"):
            name = self.argument(token)
            table = USERS if token == "-user" else GROUPS
            if name in table:
                wanted = table[name]
            elif name.isdigit():
                wanted = int(name)
            else:
                raise Refused("find: '%s' is not the name of a known %s" % (name, token[1:]))
            return (lambda e: e.uid() == wanted) if token == "-user" else (lambda e: e.gid() == wanted)
        if token == "-nouser":
            return lambda e: e.uid() is None
        if token == "-nogroup":
            return lambda e: e.gid() is None
        if token == "-prune":
            def prune(e):
                e.pruned = True
                return True
            return prune
        if token == "-quit":
            self.acted = True

            def stop(e):
                run.quit = True
                return True
            return stop
        if token in ("-print", "-print0"):
            self.acted = True
            end = b"\n" if token == "-print" else b"\0"
            return lambda e: OUT.write(os.fsencode(e.path) + end) or True
        if token == "-printf":
            self.acted = True
            parts = printf_parts(self.argument(token))
            return lambda e: OUT.write(os.fsencode(render(parts, e))) or True
        if token == "-ls":
            self.acted = True
            return lambda e: OUT.write(os.fsencode(ls_line(e))) or True
        if token in ("-exec", "-execdir"):
            self.acted = True
            return self.exec(token)
        raise Refused("find: the sandbox's find does not handle `%s'" % token)

    def perm(self, text):
        kind = ""
        if text[:1] in ("-", "/"):
            kind, text = text[0], text[1:]
        try:
            bits = int(text, 8)
        except ValueError:
            raise Refused("find: the sandbox's find handles only an octal -perm, not `%s'" % text)
        if kind == "-":
            return lambda e: stat.S_IMODE(e.st.st_mode) & bits == bits
        if kind == "/":
            return lambda e: bits == 0 or stat.S_IMODE(e.st.st_mode) & bits != 0
        return lambda e: stat.S_IMODE(e.st.st_mode) == bits

    def exec(self, token):
        command = []
        while True:
            word = self.peek()
            if word is None:
                raise Refused("find: missing argument to `%s'" % token)
            self.take()
            if word == ";":
                break
            if word == "+" and command and command[-1] == "{}":
                batch = []
                self.run.batches.append((command[:-1], batch))

                def collect(e):
                    batch.append(e.path)
                    return True
                return collect
            command.append(word)

        def run_one(e):
            argv = [e.path if w == "{}" else w.replace("{}", e.path) for w in command]
            cwd = None
            if token == "-execdir":
                cwd = os.path.dirname(e.path.rstrip("/")) or "."
                argv = ["./" + e.name() if w == e.path else w for w in argv]
            OUT.flush()
            return subprocess.call(argv, cwd=cwd) == 0
        return run_one


def walk(path, start, depth, run, node, follow):
    if run.quit:
        return
    try:
        st = os.stat(path) if follow else os.lstat(path)
    except OSError as e:
        sys.stderr.write("find: '%s': %s\n" % (path, e.strerror))
        run.status = 1
        return
    entry = Entry(path, start, depth, st)
    if not run.depth_first and depth >= run.mindepth:
        node(entry)
    if stat.S_ISDIR(st.st_mode) and (run.maxdepth is None or depth < run.maxdepth) \
            and not (entry.pruned and not run.depth_first):
        try:
            names = sorted(os.listdir(path))
        except OSError as e:
            sys.stderr.write("find: '%s': %s\n" % (path, e.strerror))
            run.status = 1
            names = []
        for name in names:
            walk(path + name if path.endswith("/") else path + "/" + name, start, depth + 1, run, node, follow)
    if run.depth_first and depth >= run.mindepth and not run.quit:
        node(entry)


def main(args):
    follow = False
    i = 0
    while i < len(args) and args[i] in ("-H", "-L", "-P"):
        follow = args[i] == "-L"
        i += 1
    starts = []
    while i < len(args) and not (args[i].startswith("-") and len(args[i]) > 1) and args[i] not in ("(", "!", ")", ","):
        starts.append(args[i])
        i += 1
    run = Run()
    parser = Parser(args[i:], run)
    try:
        node = parser.parse()
    except Refused as e:
        sys.stderr.write(str(e) + "\n")
        return 1
    if not parser.acted:
        inner = node
        node = lambda e: inner(e) and (OUT.write(os.fsencode(e.path) + b"\n") or True)
    try:
        for start in starts or ["."]:
            walk(start, start, 0, run, node, follow)
    except Refused as e:
        sys.stderr.write(str(e) + "\n")
        return 1
    OUT.flush()
    for command, batch in run.batches:
        if batch and subprocess.call(command + batch) != 0:
            run.status = 1
    return run.status


sys.exit(main(sys.argv[1:]))
