"""The English side of every command's help (``hsdt --lang en … --help``, or ``HSDT_LANG=en``).

The Vietnamese help lives where each command is declared (click decorators and docstrings) and
is what ``docs/lenh.md`` is generated from; this module holds the English text, keyed by the
command's path and the parameter's name, and :func:`localise` puts one language or the other
into a command tree before click formats it. A test walks every command's ``--help`` in
English and fails on any Vietnamese letter, and on any entry here that names no parameter.

Keys: ``"check"`` (a command's help), ``"check --at"`` (an option's help, by parameter name),
``METAVARS["check --at"]`` / ``METAVARS["backup args"]`` (a placeholder's English name).
"""

from __future__ import annotations

import click

SHORT: dict[str, str] = {
    "approve": "Approve or send back a submission branch (SSH-signed, merged into main).",
    "backup": (
        "Back up the whole repository (verified git bundles) to several places; check backups."
    ),
    "check": "Check records against the school's rules.",
    "ci": "Check pull requests on GitHub/Gitea (rules, approval chain).",
    "check-secrets": "Refuse secret keys (private keys, .p12/.pfx) in the repository.",
    "codeowners": "Generate CODEOWNERS (GitHub or Gitea) from the staff roster.",
    "export": "Export the BagIt archive package of a tag; re-check a package (export verify).",
    "hooks": "Install and run the pre-receive hook of the school's bare repository.",
    "import": "Import Word files (.docx) as records, with a report of what was mapped.",
    "ky-duyet-ky": "The principal's periodic sign-off: one summary of a week's approved records.",
    "init": "Create a school's records repository from a sample school profile.",
    "nam-hoc": "The school's school years: list them, add a new one.",
    "new": "Create a new record from its template, at its conventional place.",
    "publish": "Publish approved records: render the PDF, seal it, commit it under signatures/.",
    "render": "Render records to PDF/A in the layout of Decree 30/2020.",
    "site": "The school's website: build it (site build) or preview it (site serve).",
    "sign": "Digitally sign record PDFs (PAdES) in the signer's place.",
    "roster": "Generate files from the staff roster (allowed_signers).",
    "status": "Records' states: draft, submitted, approved, signed...",
    "queue": "What waits for you: submissions to approve, records sent back, to sign, due.",
    "report": "Progress reports (on time, late, missing, waiting); facts for the district.",
    "submit": "Submit records: commit on a submission branch, push, open a pull request.",
    "tag": "Make an SSH-signed archive tag (a week, a semester, a school year).",
    "types": "List the school's record types.",
    "upgrade": (
        "Update workflows, CODEOWNERS, pre-commit... to the "
        "installed hsdt, keeping the school's edits."
    ),
    "verify": "Verify the digital signatures and the source of record PDFs.",
}
"""One-line help of each command in the listing of ``hsdt --help``."""

_SCHOOL = "The school's id, when the repository holds several schools (or HSDT_SCHOOL)."
_REMOTE = "The school's remote repository."
_FORMAT = "Output format."
_REPORT_YEAR = "School year (2025-2026); the school's report defaults to the year in progress."
_RENDER_JOBS = "Number of parallel rendering processes (default: the number of CPU cores)."
_TIMEOUT = "Longest time, in seconds, to render one record."
_CONFIG = "The site's configuration file (default: mkdocs.yml at the repository root)."

HELP: dict[str, str] = {
    "": (
        "hsdt: electronic professional records for Vietnamese schools, built on Git.\n\n"
        "Exit codes: 0 ok, 1 problems found, 2 usage error, 3 unexpected error, "
        "130 interrupted."
    ),
    " --lang": "Language of messages (default: vi, or HSDT_LANG).",
    " --verbose": "Print the details (traceback) of an unexpected error.",
    "approve": (
        "Approve (or send back) the submission branch BRANCH with an SSH-signed commit.\n\n"
        "The step that completes the approval chain merges the branch into main (--no-ff); "
        "earlier steps and send-backs are signed commits on the branch."
    ),
    "approve --reason": "Send the records back to the teacher for revision, with the reason.",
    "approve --remote": _REMOTE,
    "approve --signing_key": (
        "SSH key to sign with (default: git config user.signingkey; or HSDT_SIGNING_KEY)."
    ),
    "approve --school_id": _SCHOOL,
    "backup": (
        "Back up the whole repository (every branch, tag and receive-time note) as a verified "
        "git bundle to each DESTINATION (at least two independent places are advised), keeping "
        "--keep generations; or re-check backup files (hsdt backup verify FILE...). Restore "
        "with: git clone --mirror FILE repo.git."
    ),
    "backup --repo": (
        "The repository to back up (the server's bare repository, or a clone; default: the "
        "current folder)."
    ),
    "backup --keep": "Number of generations kept in each place.",
    "backup --name": "Name of the backup file (default: the repository folder's name).",
    "check": (
        "Check records against the school's rules; print each problem on one line "
        "'file:line: [rule] problem'.\n\n"
        "PATHS are record files (one submission) or folders (every record under them, as "
        "--all). Exit 0 when clean (warnings allowed, an empty folder only warns), 1 when any "
        "record has a problem, 2 on usage errors, 3 on an unexpected error."
    ),
    "check --all_records": "Check every record under records/.",
    "check --fmt": _FORMAT,
    "check --at": (
        "Submission time (ISO 8601, Vietnam time when no offset is given). With --at a late "
        "submission is an error (the server); without it the machine's clock is used and "
        "lateness only warns."
    ),
    "check --fix": "Normalise combining letters (NFD) to NFC in the files themselves.",
    "check --jobs": "Number of parallel processes for --all (default: the number of CPU cores).",
    "check --school_id": _SCHOOL,
    "check-secrets": (
        "Refuse secret keys: PEM/OpenSSH/PGP/PuTTY private keys and PKCS#12 files "
        "(.p12/.pfx) among the given files (the hsdt-secrets pre-commit hook)."
    ),
    "ci": "Checks on the Git server (GitHub Actions / Gitea Actions) for a pull request.",
    "ci approvals": (
        "The approval chain from the pull request's reviews (a required check before merging)."
    ),
    "ci approvals --host": "The Git host: github or gitea.",
    "ci approvals --school_id": _SCHOOL,
    "ci check-pr": (
        "The rules at the time the server received the content; authors change only their "
        "own records.\n\n"
        "Each record counts as submitted when the server received its last content (GitHub: "
        "the creation time of the push's run; Gitea: the pull request's timeline), not by the "
        "commit date; a resubmission after a send-back, within nop_lai_trong_ngay, keeps the "
        "first submission time."
    ),
    "ci check-pr --host": "The Git host: github or gitea.",
    "ci check-pr --school_id": _SCHOOL,
    "ci import-report": (
        "Post the Word import report on the pull request (Gitea has no job summary).\n\n"
        "Each report's content is posted once; when it cannot be posted (a read-only token, as "
        "for a pull request from a fork) this only warns: the report is still in the job's log."
    ),
    "ci import-report --host": "The Git host: github or gitea.",
    "ci import-report --report_file": "The file holding hsdt import's report.",
    "codeowners": (
        "Write .github/CODEOWNERS (or .gitea/CODEOWNERS) from the staff roster: each group's "
        "folder goes to its head, deputies and team leads."
    ),
    "codeowners --gitea": "Write .gitea/CODEOWNERS (regular expressions).",
    "codeowners --school_id": _SCHOOL,
    "export": (
        "Export the BagIt archive package of tag TAG, or re-check a package (verify PATH).\n\n"
        "hsdt export TAG: the package holds the signed PDFs at the tag, the approval evidence, "
        "the Markdown sources, the correction records, the school profile and the trust "
        "certificates; an inventory of records (JSON, CSV) and a verification report (JSON, "
        "HTML). Two exports give packages identical byte for byte. Exit 1 when a PDF fails "
        "verification (the package is still written, the report says why). With --lta two "
        "exports differ only in the extended PDFs (timestamps, OCSP/CRL responses). The tag "
        "name 'verify' cannot be used (see hsdt tag).\n\n"
        "hsdt export verify PATH: re-check a package (a folder or a .zip) with only what it "
        "holds, offline; list each problem, exit 1 when there is one."
    ),
    "export --out": "Folder to write the package in (the package is FOLDER/TAG or FOLDER/TAG.zip).",
    "export --as_zip": "Write the package as one .zip file.",
    "export --lta": (
        "Extend each PDF to PAdES B-LTA (validation data and a document timestamp from "
        "ky_so.tsa_url or HSDT_TSA_URL); the copies in the repository stay as they are."
    ),
    "export --jobs": (
        "Number of parallel signature-checking processes (default: the number of cores)."
    ),
    "hooks": "Server-side hooks for a school's own bare repository.",
    "hooks install": (
        "Install pre-receive and post-receive hooks that call this very hsdt into the bare "
        "repository."
    ),
    "hooks install --bare": "The bare repository on the server.",
    "hooks run": "Run a hook (git calls this; its input is lines '<old> <new> <ref>').",
    "init": (
        "Create a school's records repository at DEST from a school profile.\n\n"
        "git init, layout, profile, pre-commit configuration, CODEOWNERS (GitHub, Gitea) "
        "from the roster, workflows for GitHub and Gitea Actions that install a pinned hsdt, "
        "mkdocs.yml, server hooks; .hsdt/generated.json records them for hsdt upgrade."
    ),
    "init --profile": (
        "A built-in sample school profile (see README) or a folder holding truong.yml."
    ),
    "init --hooks_repo": (
        "The repository holding hsdt's pre-commit hooks: a URL, or a folder holding an hsdt "
        "checkout (its HEAD commit is used)."
    ),
    "init --hooks_rev": (
        "Version of the hooks (default: the tag v<version> once released; before that, the "
        "hook calls the hsdt installed on the machine)."
    ),
    "init --hsdt_source": (
        "The hsdt the workflows install: a version number (0.1.0) or "
        "git+https://...@<commit>. Default: the version installed on this machine."
    ),
    "nam-hoc": (
        "The school years of the school profile (truong.yml, key nam_hoc); without a "
        "subcommand, list them."
    ),
    "nam-hoc --school_id": _SCHOOL,
    "nam-hoc them": (
        "Add school year YEAR (e.g. 2026-2027) to truong.yml, keeping the file's comments and "
        "layout; refuse a year already there or overlapping another."
    ),
    "nam-hoc them --bat_dau": "First day of the school year.",
    "nam-hoc them --ket_thuc": "Last day of the school year.",
    "nam-hoc them --tuan_1": "The Monday of week 1.",
    "nam-hoc them --nghi": "A holiday, e.g. 2026-09-01:2026-09-02:National Day (repeatable).",
    "nam-hoc them --nghi_bo_qua_tuan": (
        "A holiday whose whole weeks are not numbered (the Lunar New Year)."
    ),
    "nam-hoc them --school_id": _SCHOOL,
    "import": (
        "Import Word files (or folders of them) as records, placed as hsdt new places them, and "
        "print a report per file: the sections recognised, what could not be placed, what is "
        "still missing, the hsdt check result. Never overwrites; a file imported before is named "
        "where it already is. Exit 0 when every file is imported and passes the check, 1 "
        "otherwise, 2 on usage errors."
    ),
    "import --type_id": "Record type (default: guessed from the content).",
    "import --pairs": "Fill in a front-matter key (wins over what the file says).",
    "import --dry_run": "Only show the result; write nothing.",
    "import --account": (
        "The submitter's Git-host account (staff roster), when the file names no teacher; by "
        "default the git e-mail is used."
    ),
    "import --school_id": _SCHOOL,
    "ky-duyet-ky": (
        "Write the periodic sign-off summary: every approved record of week --tuan with its "
        "SHA-256, for the principal to approve and sign once."
    ),
    "ky-duyet-ky --week": "The teaching week being signed off.",
    "ky-duyet-ky --year": "School year (default: the school year of today).",
    "ky-duyet-ky --day": "Date of the summary, YYYY-MM-DD (default: today).",
    "ky-duyet-ky --rev": "The approved records on this branch.",
    "ky-duyet-ky --school_id": _SCHOOL,
    "new": (
        "Create a new record of type TYPE from its template, at its conventional place, and "
        "print its path."
    ),
    "new --pairs": "Fill in a front-matter key, e.g. --set ngay_day=2025-10-13.",
    "new --print_path": "Print only the path of the new file.",
    "new --school_id": _SCHOOL,
    "publish": (
        "Publish newly approved records: render them, seal them when a seal key is given, "
        "commit the PDF and its approval evidence under signatures/.\n\n"
        "Safe to run again: nothing is made twice. A record too slow or too big to print (the "
        "limits of hsdt render) is reported and not published, the others are; so is a merge "
        "hsdt cannot verify as an approval (--host); exit 1 when any record could not be "
        "published."
    ),
    "publish --since": "Only records approved after REV (default: every approved record on main).",
    "publish --seal_spec": (
        "The school's seal key (or HSDT_SEAL_SIGNER); without it nothing is sealed."
    ),
    "publish --token": "Label of the seal's USB token (PKCS#11).",
    "publish --key_label": "Label of the seal key on the token.",
    "publish --tsa": "Timestamp authority (or HSDT_TSA_URL).",
    "publish --seal_image": "Image of the seal (PNG, red).",
    "publish --no_commit": "Only write the files, commit nothing.",
    "publish --host": (
        "On GitHub or Gitea: ask the host about merges made with its button (the pull request, "
        "its reviews, its receive times); GITHUB_REPOSITORY and GITHUB_TOKEN (or HSDT_GIT_REPO, "
        "HSDT_GIT_TOKEN, HSDT_GIT_URL)."
    ),
    "publish --timeout": _TIMEOUT,
    "publish --jobs": _RENDER_JOBS,
    "publish --school_id": _SCHOOL,
    "render": (
        "Render records to PDF/A in the layout of Decree 30/2020 (lesson plans after official "
        "letters 5512/2345).\n\n"
        "PATHS are record files or folders. Formulas ($...$, $$...$$) are typeset; the font is "
        "Times New Roman when installed or in the profile's font folder, Liberation Serif "
        "otherwise. Exit 0 when every record printed, 1 when one could not be or prints a "
        "marked error (a formula that cannot be typeset), 2 on usage errors."
    ),
    "render --all_records": "Render every record under records/.",
    "render --output": (
        "Folder for the PDFs (default: build/pdf in the repository, ignored by git)."
    ),
    "render --jobs": _RENDER_JOBS,
    "render --no_cache": "Render again even the records that did not change.",
    "render --timeout": _TIMEOUT,
    "render --school_id": _SCHOOL,
    "roster": "Files generated from the staff roster (truong.yml).",
    "roster allowed-signers": (
        "Write signatures/allowed_signers from the SSH keys (khoa_ssh) of the staff roster."
    ),
    "roster allowed-signers --school_id": _SCHOOL,
    "roster fingerprint": (
        "Print the SHA-256 fingerprint of each certificate (PEM or DER), for the roster's "
        "van_tay_chung_thu or the school's van_tay_con_dau."
    ),
    "sign": (
        "Sign record PDFs in the signer's place (PAdES), or extend signatures (--extend).\n\n"
        "The passphrase comes from HSDT_SIGNER_PASSPHRASE, the token PIN from HSDT_PKCS11_PIN, "
        "else a prompt (without a terminal one of them must be set). Inputs are checked before "
        "the secret is asked for; exit 2 on a usage error."
    ),
    "sign --signer": (
        "Signing key: a PKCS#12 file (.p12/.pfx) or the PKCS#11 library of a USB token."
    ),
    "sign --token": "Label (name) of the USB token (PKCS#11).",
    "sign --slot": "Slot number of the token (PKCS#11).",
    "sign --key_label": "Label of the signing key on the token (PKCS#11).",
    "sign --key_id": "ID of the signing key on the token, in hex (PKCS#11).",
    "sign --role": "The signature place: nguoi_lap, to_truong, hieu_truong, con_dau...",
    "sign --output": "The signed PDF file (one input file).",
    "sign --output_dir": "Folder for the signed files (several input files).",
    "sign --tsa": "RFC 3161 timestamp authority (PAdES B-T and above).",
    "sign --level": "PAdES level (default: B-T with --tsa, B-B otherwise).",
    "sign --image": "Image of the signature or the seal (PNG).",
    "sign --trust": (
        "Trusted certificates (a PEM file or a folder) for B-LT/B-LTA and --extend (default: "
        "the repository's signatures/)."
    ),
    "sign --extend": "Add validation data and a document timestamp (B-LTA) to signed files.",
    "site": "The school's website: the archive of approved public records, with the user guide.",
    "site build": (
        "Build the site (mkdocs build --strict) from the main branch: published records, "
        "verified signatures, signed PDFs."
    ),
    "site build --out": "Folder for the website (default: site/).",
    "site build --config": _CONFIG,
    "site serve": "Preview the site on this machine (rebuilt when files change).",
    "site serve --addr": "Address of the preview server.",
    "site serve --config": _CONFIG,
    "status": (
        "Each record's state: draft, submitted for checking, revision requested, approved step "
        "k/n, approved, signed, published (or the school's own names for them, ten_trang_thai)."
        "\n\nFrom one pass over the history (fetch first to see the server's). With --history, "
        "every round of each record: submissions at the server's receive time, send-backs, "
        "approval steps, signatures, publication, locks and corrections."
    ),
    "status --history": (
        "Each record's history: submitted, sent back, approved, signed, published, locked, "
        "corrected."
    ),
    "queue": (
        "What waits for you (found by git user.email in the roster, or --as): submissions "
        "awaiting your approval step (oldest first, with the time left before the approval "
        "deadline), records sent back, records waiting for your signature, and what the school's "
        "rules expect this week and next."
    ),
    "queue --as_id": "Staff id (default: found from git user.email).",
    "queue --at": "Work as at this moment (YYYY-MM-DDTHH:MM); default: now.",
    "queue --fmt": _FORMAT,
    "queue --remote": _REMOTE,
    "queue --host": (
        "On GitHub or Gitea: read the open pull requests and their reviews from the host "
        "(GITHUB_REPOSITORY/HSDT_GIT_REPO, GITHUB_TOKEN/HSDT_GIT_TOKEN, HSDT_GIT_URL)."
    ),
    "queue --school_id": _SCHOOL,
    "report": (
        "Progress per teacher, group and week: expected, submitted on time, late (by the "
        "server's receive time), missing; send-back rounds; approval delay (median, worst); "
        "signatures pending; records waiting for each reviewer. Internal: never on the website."
    ),
    "report --year": _REPORT_YEAR,
    "report --first": "From this day.",
    "report --last": "Up to this day.",
    "report --week": "Teaching week N.",
    "report --group": "One subject group only.",
    "report --teacher": "One teacher only.",
    "report --fmt": "Report format.",
    "report --table": "The table written with --format csv.",
    "report --out": "File to write.",
    "report --at": "Count up to this moment (YYYY-MM-DDTHH:MM; default: now).",
    "report --school_id": _SCHOOL,
    "report facts": (
        "Write the school's facts (Parquet, one row per record) for the district office, "
        "Hive-partitioned; writing again replaces exactly the school's part."
    ),
    "report facts --out": "Facts folder (partitioned district=.../school=.../year=...).",
    "report facts --district": "The district office's id (default: from the supervising body).",
    "report facts --at": "Count up to this moment (YYYY-MM-DDTHH:MM; default: now).",
    "report facts --school_id": _SCHOOL,
    "report district": (
        "The district office's report over many schools' facts files (DuckDB): the same tables "
        "and charts, schools ranked by the share submitted on time."
    ),
    "report district --year": _REPORT_YEAR,
    "report district --first": "From this day.",
    "report district --last": "Up to this day.",
    "report district --week": "Teaching week N.",
    "report district --group": "One subject group only.",
    "report district --teacher": "One teacher only.",
    "report district --fmt": "Report format.",
    "report district --table": "The table written with --format csv.",
    "report district --out": "File to write.",
    "report district --details": "Include the list of every missing record.",
    "status --all_records": "Every record, not only those of the current folder.",
    "status --fmt": _FORMAT,
    "status --remote": _REMOTE,
    "status --school_id": _SCHOOL,
    "submit": (
        "Submit records: commit them on the submission branch nop/<teacher id>/<type>/<name>, "
        "push it to the server and (when HSDT_GIT_HOST is set) open the pull request."
    ),
    "submit --remote": _REMOTE,
    "submit --school_id": _SCHOOL,
    "tag": (
        "Make the archive tag NAME (a week, a semester, a school year) on main and push it.\n\n"
        "The tag is annotated and signed with the SSH key of whoever makes it (git config "
        "user.signingkey); only the clerk, the principal or an administrator may. Naming: "
        "tuan-06-2025-2026 (a week), hk1-2025-2026 (a semester), nam-hoc-2025-2026 (a school "
        "year): lower-case ASCII words joined by '-'."
    ),
    "tag --message": "The tag's message (default: 'Lưu trữ NAME', Vietnamese for 'Archive NAME').",
    "tag --remote": _REMOTE,
    "tag --no_push": "Only make the tag on this machine, do not push it.",
    "tag --school_id": _SCHOOL,
    "types": "List the school's record types: the id, then the Vietnamese name.",
    "types --school_id": _SCHOOL,
    "upgrade": (
        "Refresh the files hsdt generated (workflows, CODEOWNERS, pre-commit, mkdocs.yml, "
        "server hooks) to the installed hsdt; files the school edited are kept and the new "
        "version is written beside them (FILE.hsdt-new). Commits nothing."
    ),
    "upgrade --hsdt_source": (
        "Change the hsdt the workflows install: a version number (0.1.0) or "
        "git+https://...@<commit>. Default: as when the repository was made (a version number "
        "moves to the installed version)."
    ),
    "upgrade --school_id": _SCHOOL,
    "verify": (
        "Verify the digital signatures and the source of record PDFs.\n\n"
        "Inside a school repository, also that each certificate belongs to the person its "
        "place names (the staff roster); outside one, warn that this was not checked. Exit 0 "
        "only when every signature is intact, valid, trusted and by the right person and "
        "every source matches; 1 otherwise."
    ),
    "verify --trust": (
        "Trusted certificates: a PEM file or a folder of .pem/.crt (default: the "
        "repository's signatures/)."
    ),
    "verify --fmt": _FORMAT,
    "verify --offline": "Do not ask OCSP/CRL servers; use only the validation data in the files.",
}
"""English help of each command (key: its path under ``hsdt``) and option (``path --name``)."""

METAVARS: dict[str, str] = {
    "approve --reason": "REASON",
    "backup args": "DESTINATION... | verify FILE...",
    "check --at": "MOMENT",
    "ci import-report --report_file": "FILE",
    "export args": "TAG | verify PATH",
    "nam-hoc them year": "YEAR",
    "import paths": "FILE...",
    "import --type_id": "TYPE",
    "import --pairs": "KEY=VALUE",
    "import --account": "ACCOUNT",
    "ky-duyet-ky --year": "SCHOOL_YEAR",
    "queue --as_id": "ID",
    "queue --at": "MOMENT",
    "report --year": "SCHOOL_YEAR",
    "report --group": "GROUP_ID",
    "report --teacher": "ID",
    "report --at": "MOMENT",
    "report facts --district": "ID",
    "report facts --at": "MOMENT",
    "report district --year": "SCHOOL_YEAR",
    "report district --group": "GROUP_ID",
    "report district --teacher": "ID",
    "report district dirs": "FACTS_DIR...",
    "status paths": "PATH...",
    "new type_id": "TYPE",
    "publish --seal_spec": "pkcs12:FILE|pkcs11:LIBRARY",
    "publish --token": "LABEL",
    "publish --key_label": "LABEL",
    "sign --signer": "pkcs12:FILE|pkcs11:LIBRARY",
    "sign --token": "LABEL",
    "sign --slot": "NUMBER",
    "sign --key_label": "LABEL",
    "sign --role": "PLACE",
}
"""English placeholder names for options (``path --name``) and arguments (``path name``)."""

_VI = "_hsdt_vi"


def localise(command: click.Command, path: str, lang: str) -> None:
    """Put ``lang``'s help into ``command`` and every subcommand (Vietnamese is restored from
    what the command declared, so switching back and forth in one process is safe)."""
    _swap(command, "help", HELP.get(path) if lang == "en" else None)
    for param in command.params:
        if isinstance(param, click.Option):
            key = f"{path} --{param.name}"
            _swap(param, "help", HELP.get(key) if lang == "en" else None)
        else:
            key = f"{path} {param.name}"
        _swap(param, "metavar", METAVARS.get(key) if lang == "en" else None)
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            localise(sub, f"{path} {name}".strip(), lang)


def _swap(target: object, attribute: str, english: str | None) -> None:
    """Set ``attribute`` to ``english``, or back to the declared value when None."""
    saved = f"{_VI}_{attribute}"
    if not hasattr(target, saved):
        setattr(target, saved, getattr(target, attribute))
    setattr(target, attribute, english if english is not None else getattr(target, saved))
