"""gunicorn settings for `make serve`, `make serve-cluster`, `make bench` and production.

Everything can be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import os

wsgi_app = "backcare.wsgi:application"
bind = f"{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}"
# Sync workers: one per core plus one, so a worker waiting on the database leaves no core idle.
workers = int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1)
# Two instances on one machine must not share a control socket; nothing here needs one.
control_socket_disable = True
# The access log records sizes: the checklist's answers are padded to one size (backcare/privacy.py).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# Behind nginx or a load balancer on the same host or network.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"
timeout = 30
graceful_timeout = 10
keepalive = 5
