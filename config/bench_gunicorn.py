"""gunicorn's settings for `make bench`: the deployed gunicorn.conf.py with the
access log off (a line per request would be part of every measurement) and no
control socket.
scripts/bench.py starts `gunicorn --config config/bench_gunicorn.py` and sets
the workers and the address on the command line."""

import runpy
from pathlib import Path

_deployed = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
globals().update({name: value for name, value in _deployed.items() if not name.startswith("_")})

accesslog = None
# No control socket (gunicorn 27 opens one in ~/.gunicorn/ by default): the
# bench's short-lived servers must not take over another gunicorn's.
control_socket_disable = True
