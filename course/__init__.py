"""The course's commands: ``python -m course open`` and ``python -m course test``.

Run from the repository's root folder; ``python -m course --help`` says more. This
package is only the launcher (standard library only, so it runs before anything is
installed); the course's own library is ``alliances`` in ``lib/``.
"""
