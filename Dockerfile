# Mura's image: one image for the web process, the worker and beat (the command differs; see compose.yaml).
#   docker build -t mura .
# BASE_IMAGE is any Debian bookworm image with Python 3.11 and python3-venv (the default is Docker Hub's; a machine
# without a registry can build one from Debian's packages: scripts/container_smoke.sh shows how).
ARG BASE_IMAGE=python:3.11-slim-bookworm

# 1. build: the virtualenv with every dependency, and the collected static files.
FROM ${BASE_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN python3 -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --quiet -r /tmp/requirements.txt
WORKDIR /app
COPY . /app
# With production settings (the manifest and the compressed copies whitenoise serves), a throw-away key: nothing
# is signed here. The files land where the runtime's MURA_VAR_DIR points.
RUN DEBUG=false SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost MURA_VAR_DIR=/var/lib/mura \
    /opt/venv/bin/python manage.py collectstatic --noinput -v0 \
    && /opt/venv/bin/python -m compileall -q /app

# 2. runtime: no compiler, no pip cache, not root.
FROM ${BASE_IMAGE} AS runtime
RUN groupadd --system --gid 10001 mura \
    && useradd --system --uid 10001 --gid mura --home-dir /app --shell /usr/sbin/nologin mura \
    && mkdir -p /var/lib/mura/media \
    && chown -R mura:mura /var/lib/mura
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
COPY --from=build --chown=mura:mura /var/lib/mura /var/lib/mura
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DEBUG=false \
    MURA_VAR_DIR=/var/lib/mura \
    PORT=8000
WORKDIR /app
USER mura
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 CMD ["python", "scripts/healthcheck.py"]
CMD ["sh", "-c", "exec gunicorn portal.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_WORKERS:-3} --max-requests 2000 --no-control-socket --access-logfile -"]
