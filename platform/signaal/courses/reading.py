"""Stage 1 of the compiler: find course folders and read their files into memory.

Everything later works on what is read here, so the compiler touches the disk
in one place and the other stages stay pure.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, error, warning

COURSE_FILE = "course.yml"
ASSETS_FOLDER = "assets/"
# Ids are stored in 64 characters (and the statistics join module, scenario and step ids in one key of 160).
MAX_ID_LENGTH = 64
COURSE_ID = re.compile(rf"^[a-z0-9][a-z0-9-]{{0,{MAX_ID_LENGTH - 1}}}$")
MODULE_FILE = re.compile(r"^\d+-([a-z0-9][a-z0-9-]*)\.md$")
# Starts like a module but is not one: worth a warning, since it will be ignored.
LOOKS_LIKE_MODULE = re.compile(r"^\d.*\.md$", re.IGNORECASE)


@dataclass(frozen=True)
class ModuleFile:
    id: str
    path: Path
    text: str


@dataclass(frozen=True)
class CourseFiles:
    folder: Path
    course_yml: str | None  # None when the file is missing or unreadable
    modules: tuple[ModuleFile, ...]  # in file-name order
    # every source file, relative POSIX path -> bytes (hidden files and *.mo left out)
    files: dict[str, bytes]

    @property
    def assets(self) -> dict[str, bytes]:
        return {path: data for path, data in self.files.items() if path.startswith(ASSETS_FOLDER)}


def find_course_folders(path: Path) -> tuple[list[Path], list[Problem]]:
    """Return the course folders at path: path itself if it holds course.yml, else its sub-folders."""
    path = Path(path)
    if not path.is_dir():
        return [], [error(path, None, "no such folder — give the path of a course folder or of the folder that holds the courses")]
    if (path / COURSE_FILE).is_file():
        return [path], []
    folders, problems = [], []
    for child in sorted(path.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        if (child / COURSE_FILE).is_file():
            folders.append(child)
        else:
            problems.append(error(child, None, "missing course.yml — add one with at least a title and a language, or move this folder out"))
    return folders, problems


def read_course_files(folder: Path, problems: list[Problem]) -> CourseFiles:
    """Read course.yml, the module files and every other source file of one course."""
    folder = Path(folder)
    files = read_source_files(folder)
    course_yml = None
    if COURSE_FILE not in files:
        problems.append(error(folder / COURSE_FILE, None, "missing course.yml — add one with at least a title and a language"))
    else:
        course_yml = decode_text(folder / COURSE_FILE, files[COURSE_FILE], problems)
    return CourseFiles(folder, course_yml, read_module_files(folder, files, problems), files)


def read_source_files(folder: Path) -> dict[str, bytes]:
    """Read every file in the folder, skipping hidden files and compiled translations (*.mo)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or path.suffix == ".mo":
            continue
        if path.is_file():
            files[relative.as_posix()] = path.read_bytes()
    return files


def read_module_files(folder: Path, files: dict[str, bytes], problems: list[Problem]) -> tuple[ModuleFile, ...]:
    """Pick the module files (NN-module-id.md in the course folder itself), in file-name order."""
    modules = []
    for name in sorted(name for name in files if "/" not in name):
        match = MODULE_FILE.match(name)
        if match and len(match.group(1)) > MAX_ID_LENGTH:
            problems.append(error(folder / name, None, f"the module id \"{match.group(1)}\" is longer than {MAX_ID_LENGTH} characters — shorten the file name"))
        elif match:
            text = decode_text(folder / name, files[name], problems)
            if text is not None:
                modules.append(ModuleFile(match.group(1), folder / name, text))
        elif LOOKS_LIKE_MODULE.match(name):
            problems.append(warning(folder / name, None, "is not read as a module — name module files like 01-module-id.md (lowercase letters, digits and hyphens)"))
    return tuple(modules)


def decode_text(path: Path, data: bytes, problems: list[Problem]) -> str | None:
    """Decode a text file, accepting the byte-order mark some editors on Windows add."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(error(path, None, f"is not UTF-8 text (byte {exc.start}) — save the file as UTF-8"))
        return None


def source_hash(files: dict[str, bytes]) -> str:
    """Digest every source file with its path, so any added, removed or changed file changes it."""
    digest = hashlib.sha256()
    for path in sorted(files):
        data = files[path]
        # Lengths keep "a"+"bc" and "ab"+"c" from hashing alike.
        digest.update(f"{len(path)}:{path}:{len(data)}:".encode())
        digest.update(data)
    return digest.hexdigest()
