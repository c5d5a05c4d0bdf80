# Innolink backend image: Django (ASGI, uvicorn) with the built browser app.
# Stage 1 builds the Vue app; stage 2 is the Python runtime.
FROM node:24-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PYTHONPATH=/app DJANGO_SETTINGS_MODULE=backend.settings
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY backend/ backend/
COPY events/ events/
COPY matching/ matching/
COPY --from=frontend /src/frontend/dist frontend/dist
RUN useradd --system --uid 1000 innolink && mkdir -p /app/.data/static /app/.data/media \
    && SECRET_KEY=build DATABASE_URL=postgres://build@localhost/build python backend/manage.py collectstatic --noinput \
    && chown -R innolink /app/.data
USER innolink
EXPOSE 8000
# Several processes per container; scale containers with `docker compose up --scale backend=N`.
CMD ["sh", "-c", "uvicorn backend.asgi:application --host 0.0.0.0 --port 8000 --workers ${WEB_CONCURRENCY:-2} --proxy-headers --forwarded-allow-ips='*'"]
