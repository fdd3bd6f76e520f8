"""Digital signatures of record PDFs (PAdES) and their verification, built on pyHanko.

Heavy: imports pyHanko and cryptography, so only ``hsdt sign``/``hsdt verify`` and the publish
step import it; ``hsdt check`` never does. The modules, one job each:

- :mod:`hsdt.sign.signers` — ``load_pkcs12(path, passphrase)``, ``open_pkcs11(module, token=,
  slot=, key_label=, key_id=, pin=)``, ``open_signer(spec, secret)`` → :class:`LoadedSigner`
  (one per batch, ``with`` closes it); the ``RemoteSigner`` protocol for remote services.
- :mod:`hsdt.sign.signing` — ``sign_pdf(data, signer, SignOptions(role=, level=, tsa_url=,
  image=, trust=))`` → bytes; ``extend_pdf(data, tsa_url, trust)`` → bytes (B-LTA).
- :mod:`hsdt.sign.batch` — ``sign_files(jobs, signer, options)``, ``extend_files(jobs, tsa_url,
  trust)``: many files, atomic writes.
- :mod:`hsdt.sign.verify` — ``verify_pdf(data, roots)`` → :class:`DocumentReport`
  (``ok``, ``intact``, ``valid``, ``trusted``, ``summary()``, ``as_dict()``), ``verify_files``.
- :mod:`hsdt.sign.trust` — ``load_certificates(path)``, ``default_trust_path(start)``.
- :mod:`hsdt.sign.appearance`, :mod:`hsdt.sign.font` — the ND30 appearance and its font.
- :mod:`hsdt.sign.pdfdoc` — reading the attached source and manifest.
- :mod:`hsdt.sign.demopki`, :mod:`hsdt.sign.demoserver` — DEMO/TEST ONLY PKI and services.
"""
