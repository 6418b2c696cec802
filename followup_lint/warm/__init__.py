"""The warm linter: a long-lived local daemon that ``check`` and the hooks
hand their work to, over a private Unix socket.

* :mod:`followup_lint.warm.protocol`: the message shapes, the socket and
  runtime paths, the framing (standard library only; no CLI, no engine).
* :mod:`followup_lint.warm.client`: what a ``followup-lint`` process does
  with a daemon: ping it, forward a command's arguments (and standard input),
  hand it a hook's message, start, stop and ask its status. Cheap to import
  (no Click, no spaCy): the entry point (:mod:`followup_lint.launch`) uses it
  before anything else is loaded.
* :mod:`followup_lint.warm.daemon`: the serving side (``python -m
  followup_lint.warm.daemon serve``), which runs the very same Click command.

The client and the protocol sit below the command line in the layers
(``pyproject.toml``), the daemon above it.
"""

SERVING = False  # True inside the daemon: its own check runs never start another daemon
