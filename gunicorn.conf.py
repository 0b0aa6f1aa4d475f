"""gunicorn settings for `make serve`, `make serve-cluster`, `make bench` and production.

Everything can be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import os

# Django's application, refusing an HTTP/1.1 request without a Host header (backcare/host_guard.py).
wsgi_app = "backcare.host_guard:application"
bind = f"{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}"
# Threaded workers, one process per core plus one. A sync worker is held by any connection that has
# not sent its whole request: three idle connections took `make serve` down for 30 s each. A gthread
# worker waits for a connection's first bytes in its main loop (gunicorn 27 hands a silent one back
# after 5 s) and keeps idle keep-alive connections there too, so only a client that is sending its
# request slowly holds a thread. With 64 threads a process, 50 slow connections from one client left
# 99-100 % of other visitors' requests answered within 2 s, directly (docs/reliability.md); nginx in
# front (deploy/nginx.conf) limits each client's connections and time to send a request.
workers = int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1)
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 64)
# Two instances on one machine must not share a control socket; nothing here needs one.
control_socket_disable = True
# The access log records sizes: the checklist's answers are padded to one size (backcare/privacy.py).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# Behind nginx or a load balancer on the same host or network.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"
# A request still running after this long has its worker restarted (the site answers in ms).
timeout = 30
graceful_timeout = 10
# Longer than nginx keeps an idle upstream connection (deploy/nginx.conf: 4 s), so nginx never
# sends a request on a connection gunicorn is closing.
keepalive = 5
