"""Undoable edits as plain objects: ``do(project)`` / ``undo(project)``, each one transaction.

Every edit a coder makes goes through one of these, so the GUI's undo stack is a thin wrapper and the
same edits can be scripted or tested without Qt. Each call returns a ``Changes`` naming what it
touched, so a view refreshes only what it shows (one signal, not a storm of them).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from annotator.core.errors import InputError
from annotator.core.exclusive import conflicting_segments
from annotator.core.model import Code, Segment
from annotator.core.store import Project


@dataclass
class Changes:
    """What an edit touched, so each view refreshes only what it shows (Anki's ``OpChanges``).

    The GUI announces one ``Changes`` per edit, undo, redo, import or merge on its project event bus;
    a view asks only the questions it cares about (``segments_changed_in``, ``codebook`` ...).
    """

    documents: set[int] = field(default_factory=set)  # documents whose codings changed
    codebook: bool = False  # codes added, removed, renamed, moved, recoloured, re-described
    assignments: bool = False  # a coder's status on a document (to do / in progress / done)
    segment_ids: set[int] = field(default_factory=set)  # the codings touched, when known (incremental redraw)
    coders: bool = False  # coders added, renamed, merged, removed, or their role or colour changed
    document_list: bool = False  # documents added or removed, or their title, outlet, date ... changed
    documents_added: bool = False  # new documents came in (import): a list narrowed to a set widens to show them
    sets: bool = False  # document sets and their members
    memos: bool = False  # document, code and project memos (a coding's memo is a segment change)
    dictionary: bool = False  # the project dictionary or the token cache (search and analysis results)
    all_segments: bool = False  # codings anywhere may have changed (merge, REFI-QDA import): re-read

    def __or__(self, other: "Changes") -> "Changes":
        merged = Changes()
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            setattr(merged, f.name, a | b if isinstance(a, set) else (a or b))
        return merged

    def __repr__(self) -> str:  # short: an edit of 5,000 codings would print 5,000 ids
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, set) and value:
                shown = ", ".join(map(str, sorted(value)[:5])) + (", …" if len(value) > 5 else "")
                parts.append(f"{f.name}={len(value)}:{{{shown}}}")
            elif value is True:
                parts.append(f.name)
        return f"Changes({', '.join(parts)})"

    @classmethod
    def everything(cls) -> "Changes":
        """Anything may have changed (a merge or an import of another tool's project)."""
        return cls(codebook=True, assignments=True, coders=True, document_list=True, sets=True, memos=True,
                   dictionary=True, all_segments=True)

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    @property
    def segments(self) -> bool:
        """Whether any coding changed anywhere."""
        return self.all_segments or bool(self.documents) or bool(self.segment_ids)

    def segments_changed_in(self, document_id: int | None) -> bool:
        """Whether the codings of ``document_id`` may have changed."""
        return document_id is not None and (self.all_segments or document_id in self.documents)


class Command:
    """Base class: ``text`` is what the Edit menu shows ("Undo <text>")."""

    text = "edit"

    def weight(self, project: Project) -> int:
        """Roughly how many rows ``do`` or ``undo`` may touch; a GUI runs heavy edits off its event loop.

        Cheap to compute (a count, never the edit itself); one row unless a command says otherwise.
        """
        return 1

    def do(self, project: Project) -> Changes:
        raise NotImplementedError

    def undo(self, project: Project) -> Changes:
        raise NotImplementedError


def _restore_segments(project: Project, segments: list[Segment]) -> None:
    """Re-insert deleted segments with their ids, guids and time stamps, in one statement; assignments
    are left as they are (an undo must not advance a coder's status)."""
    project.restore_segments(segments)


def require_codable(project: Project, code_id: int) -> Code:
    """The code, if text may be coded with it: a code that only groups others (``codable`` false, REFI-QDA
    ``isCodable="false"``; in a team project the lead decides) is refused in one line."""
    code = project.code(code_id)
    if not code.codable:
        raise InputError(f"code '{code.path}' only groups other codes and cannot be applied; "
                         "code the text with one of the codes under it")
    return code


class AddSegment(Command):
    """Code a span. Within an exclusive group a coder gives a stretch of text one value, so the coder's
    other values of that group on overlapping text are replaced in the same edit (``replaced``), and
    come back on undo."""

    def __init__(self, document_id: int, coder_id: int, code_id: int, start: int, end: int,
                 memo: str = "", *, code_name: str = "") -> None:
        self.args = (document_id, coder_id, code_id, start, end, memo)
        self.text = f"code '{code_name}'" if code_name else "code text"
        self.segment: Segment | None = None
        self.replaced: list[Segment] = []
        self._status_before: str | None = None

    def do(self, project: Project) -> Changes:
        document_id, coder_id, code_id, start, end, _memo = self.args
        with project.transaction():
            self._status_before = project.assignment_status(document_id, coder_id)
            if self.segment is None:
                require_codable(project, code_id)
                self.replaced = conflicting_segments(project, document_id, coder_id, code_id, start, end)
                project.delete_segments([s.id for s in self.replaced])
                self.segment = project.add_segment(*self.args)
            else:  # redo: same id, so later commands referring to it stay valid
                project.delete_segments([s.id for s in self.replaced])
                project.restore_segments([self.segment], mark_in_progress=True)
        return Changes({document_id}, segment_ids={self.segment.id} | {s.id for s in self.replaced},
                       assignments=True)

    def undo(self, project: Project) -> Changes:
        assert self.segment is not None
        with project.transaction():
            project.delete_segment(self.segment.id)
            _restore_segments(project, self.replaced)
            project.set_assignment(self.segment.document_id, self.segment.coder_id, self._status_before)
        return Changes({self.segment.document_id}, segment_ids={self.segment.id} | {s.id for s in self.replaced},
                       assignments=True)


class DeleteSegment(Command):
    def __init__(self, segment_ids: list[int] | int) -> None:
        self.segment_ids = [segment_ids] if isinstance(segment_ids, int) else list(segment_ids)
        self.saved: list[Segment] = []
        self.text = "delete coding" if len(self.segment_ids) == 1 else f"delete {len(self.segment_ids)} codings"

    def weight(self, project: Project) -> int:
        return len(self.segment_ids)

    def do(self, project: Project) -> Changes:
        with project.transaction():
            self.saved = project.segments_by_id(self.segment_ids)
            project.delete_segments(self.segment_ids)
        return Changes({s.document_id for s in self.saved}, segment_ids=set(self.segment_ids))

    def undo(self, project: Project) -> Changes:
        with project.transaction():
            _restore_segments(project, self.saved)
        return Changes({s.document_id for s in self.saved}, segment_ids=set(self.segment_ids))


class UpdateSegment(Command):
    """Re-code, resize or re-memo one segment.

    Re-coding to a value of an exclusive group replaces the coder's other values of that group on
    overlapping text, as coding anew does (``replaced``); resizing into one is refused, because moving a
    boundary must not delete a neighbouring coding."""

    def __init__(self, segment_id: int, text: str = "change coding", **fields: object) -> None:
        self.segment_id = segment_id
        self.fields = fields
        self.before: dict[str, object] = {}
        self.replaced: list[Segment] = []
        self.text = text

    def do(self, project: Project) -> Changes:
        with project.transaction():
            current = project.segment(self.segment_id)
            if "code_id" in self.fields and self.fields["code_id"] != current.code_id:
                require_codable(project, int(self.fields["code_id"]))  # type: ignore[call-overload]
            self.before = {k: getattr(current, k) for k in self.fields}
            clashing = self._clashes(project, current)
            if clashing and "code_id" not in self.fields:
                # A resize: refuse an overlap it would make; conflicts already there (older files) stay.
                there = {s.id for s in conflicting_segments(project, current.document_id, current.coder_id,
                                                            current.code_id, current.start, current.end,
                                                            ignore=[current.id])}
                made = [s for s in clashing if s.id not in there]
                if made:
                    raise InputError(
                        f"the coding would overlap '{project.code(made[0].code_id).path}' at "
                        f"{made[0].start}-{made[0].end}, another value of the same exclusive group; "
                        "re-code or delete that one first")
                clashing = []
            self.replaced = clashing
            project.delete_segments([s.id for s in clashing])
            seg = project.update_segment(self.segment_id, **self.fields)
        return Changes({seg.document_id}, segment_ids={seg.id} | {s.id for s in self.replaced})

    def _clashes(self, project: Project, current: Segment) -> list[Segment]:
        """Other values of an exclusive group the edited segment would overlap (none for a memo edit)."""
        if not set(self.fields) & {"code_id", "start", "end", "coder_id"}:
            return []
        after = {k: int(getattr(current, k)) for k in ("code_id", "start", "end", "coder_id")}
        after.update({k: int(v) for k, v in self.fields.items() if k in after})  # type: ignore[call-overload]
        return conflicting_segments(project, current.document_id, after["coder_id"], after["code_id"],
                                    after["start"], after["end"], ignore=[current.id])

    def undo(self, project: Project) -> Changes:
        with project.transaction():
            seg = project.update_segment(self.segment_id, **self.before)
            _restore_segments(project, self.replaced)
        return Changes({seg.document_id}, segment_ids={seg.id} | {s.id for s in self.replaced})


class SetMemo(UpdateSegment):
    def __init__(self, segment_id: int, memo: str) -> None:
        super().__init__(segment_id, "edit memo", memo=memo)


class AddCode(Command):
    """Add a code by path; parents it had to create are removed again on undo."""

    def __init__(self, path: str, **fields: object) -> None:
        self.path = path
        self.fields = fields
        self.created: list[Code] = []  # parents first, the new code last
        self.text = f"add code '{path}'"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            if not self.created:
                existing = {c.path for c in project.codes()}
                code = project.add_code(self.path, **self.fields)  # type: ignore[arg-type]
                self.created = [c for c in project.codes() if c.path not in existing]
                self.created.sort(key=lambda c: c.level)
                self.text = f"add code '{code.path}'"
            else:
                for c in self.created:
                    _restore_code(project, c)
        return Changes(codebook=True)

    def undo(self, project: Project) -> Changes:
        project.delete_code(self.created[0].id)  # the topmost created code; the rest cascade
        return Changes(codebook=True)


def _restore_code(project: Project, c: Code) -> None:
    project.add_code(c.path, color=c.color, description=c.description, inclusion=c.inclusion,
                     exclusion=c.exclusion, example=c.example, shortcut=c.shortcut, sort_order=c.sort_order,
                     exclusive=c.exclusive, guid=c.guid, code_id=c.id, create_parents=False, codable=c.codable)


class UpdateCode(Command):
    def __init__(self, code_id: int, text: str = "change code", **fields: object) -> None:
        self.code_id = code_id
        self.fields = fields
        self.before: dict[str, object] = {}
        self.text = text

    def do(self, project: Project) -> Changes:
        with project.transaction():
            current = project.code(self.code_id)
            self.before = {k: getattr(current, k) for k in self.fields}
            project.update_code(self.code_id, **self.fields)
        return Changes(codebook=True)  # colours, rules, keys: every view that shows codes re-reads them

    def undo(self, project: Project) -> Changes:
        project.update_code(self.code_id, **self.before)
        return Changes(codebook=True)  # colours, rules, keys: every view that shows codes re-reads them


class MoveCode(Command):
    """Rename and/or re-parent a code (its descendants follow); parents created for it go on undo."""

    def __init__(self, code_id: int, new_path: str) -> None:
        self.code_id = code_id
        self.new_path = new_path
        self.old_path = ""
        self.created: list[Code] = []  # parents that move_code had to create, topmost first
        self.text = f"move code to '{new_path}'"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            self.old_path = project.code(self.code_id).path
            if self.created:  # redo: bring back the parents with their ids first
                for c in self.created:
                    _restore_code(project, c)
                project.move_code(self.code_id, self.new_path)
            else:
                existing = {c.id for c in project.codes()}
                project.move_code(self.code_id, self.new_path)
                self.created = sorted((c for c in project.codes() if c.id not in existing),
                                      key=lambda c: c.level)
        return Changes(codebook=True)

    def undo(self, project: Project) -> Changes:
        with project.transaction():
            project.move_code(self.code_id, self.old_path)  # out of any created parent before deleting it
            if self.created:
                project.delete_code(self.created[0].id)
        return Changes(codebook=True)


class DeleteCode(Command):
    """Delete a code with its descendants and their segments; undo restores all with the same ids."""

    def __init__(self, code_id: int) -> None:
        self.code_id = code_id
        self.codes: list[Code] = []
        self.segments: list[Segment] = []
        self.text = "delete code"

    def weight(self, project: Project) -> int:
        return project.segment_count(code_ids=project.descendant_ids(self.code_id))

    def do(self, project: Project) -> Changes:
        with project.transaction():
            ids = project.descendant_ids(self.code_id)
            by_id = {c.id: c for c in project.codes()}
            self.codes = sorted((by_id[i] for i in ids), key=lambda c: c.level)
            self.text = f"delete code '{self.codes[0].path}'"
            self.segments = project.segments(code_ids=ids)
            project.delete_code(self.code_id)
        return Changes({s.document_id for s in self.segments}, codebook=True)

    def undo(self, project: Project) -> Changes:
        with project.transaction():
            for c in self.codes:  # parents first
                _restore_code(project, c)
            _restore_segments(project, self.segments)
        return Changes({s.document_id for s in self.segments}, codebook=True)


class MergeCodes(Command):
    """Re-point every segment of ``source`` (and its children) to ``target``, then delete ``source``."""

    def __init__(self, source_id: int, target_id: int) -> None:
        self.source_id = source_id
        self.target_id = target_id
        self.moved: list[tuple[int, int, int, str]] = []  # (segment, document, old code, old time stamp)
        self.delete = DeleteCode(source_id)
        self.text = "merge codes"

    def weight(self, project: Project) -> int:
        return self.delete.weight(project)

    def do(self, project: Project) -> Changes:
        with project.transaction():
            ids = project.descendant_ids(self.source_id)
            if self.target_id in ids:
                from annotator.core.errors import InputError

                raise InputError("cannot merge a code into its own child")
            self.text = f"merge '{project.code(self.source_id).path}' into '{project.code(self.target_id).path}'"
            self.moved = project.segment_code_states(ids)
            project.recode_segments([m[0] for m in self.moved], self.target_id)
            changes = self.delete.do(project)
        return changes | self._changes()

    def undo(self, project: Project) -> Changes:
        with project.transaction():
            changes = self.delete.undo(project)
            project.restore_segment_codes(self.moved)
        return changes | self._changes()

    def _changes(self) -> Changes:
        return Changes({m[1] for m in self.moved}, codebook=True, segment_ids={m[0] for m in self.moved})


class SetAssignment(Command):
    def __init__(self, document_id: int, coder_id: int, status: str | None) -> None:
        self.document_id, self.coder_id, self.status = document_id, coder_id, status
        self.before: str | None = None
        self.text = "mark document done" if status == "done" else f"set status '{status}'"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            self.before = project.assignment_status(self.document_id, self.coder_id)
            project.set_assignment(self.document_id, self.coder_id, self.status)
        return Changes(assignments=True)

    def undo(self, project: Project) -> Changes:
        project.set_assignment(self.document_id, self.coder_id, self.before)
        return Changes(assignments=True)


__all__ = ["Changes", "Command", "AddSegment", "DeleteSegment", "UpdateSegment", "SetMemo", "AddCode",
           "UpdateCode", "MoveCode", "DeleteCode", "MergeCodes", "SetAssignment"]
