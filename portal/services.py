"""Account import: administrators create accounts from a CSV or XLSX file.

The file has a header row with the columns name, username, email, department, role
(English or Chinese headers). Nothing is imported while any row is wrong.
"""

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

import openpyxl
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.core import context as allauth_context
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from . import notices
from .models import AuditEvent, Department, Membership, Notice, Role, User

HEADER_ALIASES = {
    "name": "name", "姓名": "name",
    "username": "username", "用户名": "username",
    "email": "email", "邮箱": "email", "电子邮箱": "email",
    "department": "department", "处室": "department", "部门": "department",
    "role": "role", "角色": "role",
}  # fmt: skip
COLUMNS = ("name", "username", "email", "department", "role")
ROLE_ALIASES = {
    "member": "member", "staff": "member", "干部职工": "member", "成员": "member", "": "member",
    "manager": "manager", "处长": "manager", "处室负责人": "manager",
    "editor": "editor", "编辑": "editor",
    "leader": "leader", "office leader": "leader", "领导": "leader", "办公室领导": "leader",
    "administrator": "administrator", "admin": "administrator", "管理员": "administrator",
}  # fmt: skip
GROUP_FOR_ROLE = {"editor": Role.EDITOR, "leader": Role.OFFICE_LEADER, "administrator": Role.ADMINISTRATOR}

ERROR_UNREADABLE = _("The file could not be read. Upload a CSV (UTF-8) or XLSX file.")
ERROR_MISSING_COLUMNS = _("The header row lacks these columns: %(columns)s.")
ERROR_TOO_MANY_ROWS = _("The file has more than %(limit)d rows. Split it into smaller files.")
ERROR_EMPTY = _("The file has no rows below its header.")
ERROR_NAME_MISSING = _("The name is missing.")
ERROR_NULL_CHARACTER = _("The row contains a null character: save the file again as CSV (UTF-8) or XLSX.")
ERROR_USERNAME_INVALID = _("The username may contain only letters, digits and @/./+/-/_.")
ERROR_USERNAME_TAKEN = _("The username %(username)s is already taken.")
ERROR_USERNAME_REPEATED = _("The username %(username)s appears more than once in the file.")
ERROR_EMAIL_INVALID = _("%(email)s is not a valid email address.")
ERROR_EMAIL_TAKEN = _("The email %(email)s is already used by another account.")
ERROR_EMAIL_REPEATED = _("The email %(email)s appears more than once in the file.")
ERROR_DEPARTMENT_UNKNOWN = _("There is no department called %(department)s.")
ERROR_DEPARTMENT_MISSING = _("A member or manager needs a department.")
ERROR_ROLE_UNKNOWN = _("%(role)s is not a role. Use member, manager, editor, leader or administrator.")
ERROR_NAME_TOO_LONG = _("The name is longer than %(limit)d characters.")
ERROR_USERNAME_TOO_LONG = _("The username is longer than %(limit)d characters.")
ERROR_EMAIL_TOO_LONG = _("The email address is longer than %(limit)d characters.")
# Column, the User field it fills, and the message when it does not fit.
LENGTH_LIMITS = (
    ("name", "display_name", ERROR_NAME_TOO_LONG),
    ("username", "username", ERROR_USERNAME_TOO_LONG),
    ("email", "email", ERROR_EMAIL_TOO_LONG),
)


class ImportFileError(Exception):
    """The file as a whole cannot be imported (unreadable, no header, too long)."""


class ImportRowsInvalid(Exception):
    """Rows that were fine at preview are wrong now (someone took a username meanwhile)."""

    def __init__(self, rows: list["ImportRow"]):
        super().__init__("rows changed since the preview")
        self.rows = rows


@dataclass(frozen=True)
class ImportRow:
    line: int
    name: str
    username: str
    email: str
    department: str
    role: str
    errors: tuple[str, ...] = ()


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _read_table(file: UploadedFile) -> list[list[str]]:
    data = file.read()
    if (file.name or "").lower().endswith(".xlsx"):
        try:  # read-only workbooks parse their sheets while the rows are read, so a broken sheet fails here
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            return [[_cell(value) for value in row] for row in workbook.active.iter_rows(values_only=True)]
        except Exception as error:
            raise ImportFileError(ERROR_UNREADABLE) from error
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        try:
            # newline="": the csv module reads bare \r line ends (old Mac exports) only this way.
            return [[_cell(value) for value in row] for row in csv.reader(io.StringIO(text, newline=""))]
        except csv.Error as error:  # a cell over the csv module's 128 KB field limit
            raise ImportFileError(ERROR_UNREADABLE) from error
    raise ImportFileError(ERROR_UNREADABLE)


def _rows_as_dicts(table: list[list[str]], *, limit: int) -> Iterable[tuple[int, dict[str, str]]]:
    rows = [row for row in table if any(row)]
    if not rows:
        raise ImportFileError(ERROR_EMPTY)
    header = [HEADER_ALIASES.get(name.lower(), name.lower()) for name in rows[0]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise ImportFileError(ERROR_MISSING_COLUMNS % {"columns": ", ".join(missing)})
    if len(rows) == 1:
        raise ImportFileError(ERROR_EMPTY)
    if len(rows) - 1 > limit:
        raise ImportFileError(ERROR_TOO_MANY_ROWS % {"limit": limit})
    for line, row in enumerate(rows[1:], start=2):
        padded = row + [""] * (len(header) - len(row))
        yield line, {column: padded[header.index(column)] for column in COLUMNS}


def _row_errors(values: dict[str, str], *, departments: dict[str, Department], taken: dict[str, set[str]],
                repeated: dict[str, set[str]]) -> list[str]:  # fmt: skip
    errors = []
    username, email = values["username"], values["email"]
    if not values["name"]:
        errors.append(str(ERROR_NAME_MISSING))
    if any("\x00" in value for value in values.values()):
        errors.append(str(ERROR_NULL_CHARACTER))
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        errors.append(str(ERROR_USERNAME_INVALID))
    if username.lower() in taken["username"]:
        errors.append(str(ERROR_USERNAME_TAKEN % {"username": username}))
    if username.lower() in repeated["username"]:
        errors.append(str(ERROR_USERNAME_REPEATED % {"username": username}))
    try:
        validate_email(email)
    except ValidationError:
        errors.append(str(ERROR_EMAIL_INVALID % {"email": email}))
    if email.lower() in taken["email"]:
        errors.append(str(ERROR_EMAIL_TAKEN % {"email": email}))
    if email.lower() in repeated["email"]:
        errors.append(str(ERROR_EMAIL_REPEATED % {"email": email}))
    role = ROLE_ALIASES.get(values["role"].lower())
    if role is None:
        errors.append(str(ERROR_ROLE_UNKNOWN % {"role": values["role"]}))
    for column, field, message in LENGTH_LIMITS:
        limit = cast(CharField, User._meta.get_field(field)).max_length or 0
        if len(values[column]) > limit:
            errors.append(str(message % {"limit": limit}))
    if values["department"] and values["department"] not in departments:
        errors.append(str(ERROR_DEPARTMENT_UNKNOWN % {"department": values["department"]}))
    elif not values["department"] and role in ("member", "manager"):
        errors.append(str(ERROR_DEPARTMENT_MISSING))
    return errors


def _validate(parsed: list[tuple[int, dict[str, str]]]) -> list[ImportRow]:
    departments = {name: d for d in Department.objects.all() for name in (d.name_zh, d.name_en)}
    taken = {
        "username": set(User.objects.annotate(key=Lower("username")).values_list("key", flat=True)),
        "email": set(User.objects.exclude(email="").annotate(key=Lower("email")).values_list("key", flat=True)),
    }
    repeated = {
        column: {key for key, count in Counter(v[column].lower() for _l, v in parsed).items() if count > 1 and key}
        for column in ("username", "email")
    }
    return [
        ImportRow(
            line=line,
            **values,
            errors=tuple(_row_errors(values, departments=departments, taken=taken, repeated=repeated)),
        )
        for line, values in parsed
    ]


def accounts_import_parse(*, file: UploadedFile, limit: int) -> list[ImportRow]:
    """Read and check every row of an import file; raise ImportFileError when the file itself is unusable."""
    return _validate(list(_rows_as_dicts(_read_table(file), limit=limit)))


@transaction.atomic
def accounts_import_apply(*, rows: list[ImportRow]) -> list[User]:
    """Create the accounts of previewed rows and return them; check them again first (ImportRowsInvalid).

    New accounts have no usable password: people set one from an invitation or "forgot password".
    Their address is recorded as verified: the administrator vouches for it.
    """
    rechecked = _validate([(row.line, _values(row)) for row in rows])
    if any(row.errors for row in rechecked):
        raise ImportRowsInvalid(rechecked)
    departments = {name: d for d in Department.objects.all() for name in (d.name_zh, d.name_en)}
    groups = {group.name: group for group in Group.objects.all()}
    created = []
    for row in rechecked:
        user = User(username=row.username, email=row.email, display_name=row.name)
        user.set_unusable_password()
        user.save()
        user_email_vouch(user=user)
        role = ROLE_ALIASES[row.role.lower()]
        if row.department:
            membership_role = Membership.Role.MANAGER if role == "manager" else Membership.Role.MEMBER
            Membership.objects.create(user=user, department=departments[row.department], role=membership_role)
        if role in GROUP_FOR_ROLE:
            user.groups.add(groups[GROUP_FOR_ROLE[role].value])
        created.append(user)
    return created


def _values(row: ImportRow) -> dict[str, str]:
    return {column: getattr(row, column) for column in COLUMNS}


# Email addresses are set by administrators (the import, the user admin), who vouch for them; the person
# cannot add or remove one (portal/adapters.py, portal/forms.py). A reset link opened proves possession too.


@transaction.atomic
def user_email_vouch(*, user: User, replaces: str = "") -> EmailAddress | None:
    """Record ``user.email`` as the person's verified, primary address; drop the address it ``replaces``.

    allauth refuses to activate two-factor authentication while any address is unverified, so an
    account an administrator set up must never carry an unverified one.
    """
    if replaces and replaces.lower() != user.email.lower():
        EmailAddress.objects.filter(user=user, email__iexact=replaces).delete()
    if not user.email:
        return None
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    others = EmailAddress.objects.filter(user=user, primary=True)
    if address is not None:
        others = others.exclude(pk=address.pk)
    others.update(primary=False)
    if address is None:
        return EmailAddress.objects.create(user=user, email=user.email.lower(), verified=True, primary=True)
    if not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    return address


INVITATION_TEMPLATE = "account/email/invitation"


def account_invitation_send(*, user: User, request: HttpRequest) -> None:
    """Email ``user`` a link to set their password, in their own language.

    The link is allauth's password-reset key: it works once (the key covers the password hash)
    and expires after ``PASSWORD_RESET_TIMEOUT``. Raises ``ValueError`` for an account without an
    address or an inactive one; mail errors (``OSError``) reach the caller.
    """
    if not user.email or not user.is_active:
        raise ValueError("no address or inactive")
    user_email_vouch(user=user)  # before the key: the key covers the set of addresses
    adapter = get_account_adapter(request)
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    with allauth_context.request_context(request), translation.override(user.preferred_language):
        adapter.send_mail(
            INVITATION_TEMPLATE,
            user.email,
            {
                "user": user,
                "username": user.username,
                "password_reset_url": adapter.get_reset_password_from_key_url(key),
                "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            },
        )


AUDITED_KEY = "portal:audited:{}"
AUDITED_SECONDS = 60 * 60


def audit_record_views(*, viewer: User, subjects: Iterable[User | int], what: str, object_id: object = "") -> None:
    """Write down that ``viewer`` read records of ``subjects`` (people or their ids), in one statement.

    One row per viewer, person, kind and record in each clock hour: a repeat within the hour is
    ignored by the database. Reading one's own records is not audited. Once the rows of an hour are
    committed, the cache remembers them, and a repeat sends no statement: ignored by the database
    or not, an INSERT takes a transaction id, and its commit waits for the disk (17 ms here).
    """
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    ids = sorted({subject if isinstance(subject, int) else subject.pk for subject in subjects} - {viewer.pk})
    if not ids:
        return
    key = AUDITED_KEY.format(hashlib.blake2b(repr((viewer.pk, what, str(object_id), hour, ids)).encode()).hexdigest())
    if cache.get(key):
        return
    rows = [AuditEvent(viewer=viewer, subject_id=pk, what=what, object_id=str(object_id), hour=hour) for pk in ids]
    AuditEvent.objects.bulk_create(rows, ignore_conflicts=True)
    transaction.on_commit(lambda: cache.set(key, True, AUDITED_SECONDS))


def audit_record_view(*, viewer: User, subject: User, what: str, object_id: object = "") -> None:
    """Write down that ``viewer`` read one record of ``subject`` (see ``audit_record_views``)."""
    audit_record_views(viewer=viewer, subjects=[subject], what=what, object_id=object_id)


def notice_send(
    *,
    user: User,
    kind: str,
    params: Mapping[str, Any] | None = None,
    message: str = "",
    url: str = "",
    dedupe_key: str,
    group: str = "",
) -> bool:
    """Create an in-app notice once per ``dedupe_key`` and person; say whether it was new.

    The notice keeps ``kind`` and ``params`` and is rendered in the reader's language when read
    (``portal/notices.py``); ``message``, or the rendering in the person's language now, is kept as
    the fallback. Notices with the same ``group`` (e.g. ``idea:12``) show as one card.
    """
    params = dict(params or {})
    if not message:
        with translation.override(user.preferred_language):
            message = notices.render(kind, params)
    _notice, created = Notice.objects.get_or_create(
        user=user,
        dedupe_key=dedupe_key,
        defaults={
            "kind": kind,
            "params": params,
            "message": message[:300],
            "url": url,
            "group_key": (group or dedupe_key)[:100],
        },
    )
    return created


# Each app blanks the free text the person wrote; numbers stay for anonymous aggregates.
ANONYMISERS = (
    "learning.services.learning_anonymise_user",
    "assessments.services.assessments_anonymise_user",
)


@transaction.atomic
def user_anonymise(*, user: User) -> User:
    """Remove a leaver's name, username, email, sign-in factors, notices and free text; keep their numbers."""
    for path in ANONYMISERS:
        import_string(path)(user=user)
    Notice.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    user.groups.clear()
    user.username = f"anon-{user.pk}"
    user.display_name = user.first_name = user.last_name = user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    return user
