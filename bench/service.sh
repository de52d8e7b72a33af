# Sourced by bench/load.sh, bench/browser.sh and bench/engines.sh: the service's (and a private
# PostgreSQL server's) life in a benchmark. The caller defines log, die, REPO and WORK first; each
# process is stopped by its PID, nothing else.
PID=""
PG_PID=""

stop_service() {
  if [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null; then
    log "stopping the service (pid $PID)"
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$PID" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$PID" 2>/dev/null && kill -KILL "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  PID=""
}

# Starts a private PostgreSQL server (Debian's binaries; as the postgres user when root) in
# $WORK/pg on a free loopback port, with PostgreSQL's default durability (fsync and
# synchronous_commit on), creates the database "locking"; sets POSTGRES_CONNECTION and PG_PID.
start_postgres() {
  local bin port i as=()
  bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
  [[ -n $bin && -x $bin/postgres ]] || die "PostgreSQL is not installed (apt-get install -y postgresql)"
  port=$(free_port)
  chmod 755 "$WORK"
  mkdir -p "$WORK/pg"
  if [[ $(id -u) == 0 ]]; then
    chown postgres:postgres "$WORK/pg"
    as=(setpriv --reuid=postgres --regid=postgres --init-groups)
  fi
  "${as[@]}" "$bin/initdb" -D "$WORK/pg/data" -U locking -A trust -E UTF8 >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; die "initdb"; }
  log "starting PostgreSQL on 127.0.0.1:$port"
  "${as[@]}" "$bin/postgres" -D "$WORK/pg/data" -p "$port" -k "$WORK/pg" -c listen_addresses=127.0.0.1 \
    -c max_connections=300 >"$WORK/postgres.log" 2>&1 &
  PG_PID=$!
  for i in $(seq 1 120); do
    grep -q "ready to accept connections" "$WORK/postgres.log" && break
    kill -0 "$PG_PID" 2>/dev/null || { cat "$WORK/postgres.log" >&2; die "PostgreSQL exited during start-up"; }
    [[ $i == 120 ]] && die "PostgreSQL not ready within 60 s"
    sleep 0.5
  done
  "$bin/psql" -q -h 127.0.0.1 -p "$port" -U locking -d postgres -c "CREATE DATABASE locking" || die "CREATE DATABASE"
  POSTGRES_CONNECTION="Host=127.0.0.1;Port=$port;Username=locking;Database=locking"
}

stop_postgres() {
  if [[ -n $PG_PID ]] && kill -0 "$PG_PID" 2>/dev/null; then
    log "stopping PostgreSQL (pid $PG_PID)"
    kill -INT "$PG_PID" 2>/dev/null || true # fast shutdown
    wait "$PG_PID" 2>/dev/null || true
  fi
  PG_PID=""
}

# Stops the service (and PostgreSQL), shows its last log lines on a failure, removes $WORK unless KEEP_WORK=1.
cleanup() {
  local rc=$?
  stop_service
  stop_postgres
  if [[ $rc -ne 0 && -f $WORK/service.log ]]; then
    log "last service log lines:"; tail -n 20 "$WORK/service.log" >&2 || true
  fi
  if [[ ${KEEP_WORK:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}

free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    local p; for _ in $(seq 1 50); do
      p=$((20000 + RANDOM % 40000)); ss -ltnH "sport = :$p" | grep -q . || { echo "$p"; return; }
    done; die "no free port"
  fi
}

# Copies the working tree (no build output, databases or node_modules) and publishes a Release
# build of the service into $WORK/app.
publish_service() {
  log "copying the working tree and publishing a Release build into $WORK"
  mkdir -p "$WORK/src"
  tar -C "$REPO" --exclude=.git --exclude=bin --exclude=obj --exclude=node_modules --exclude=wwwroot --exclude=BenchmarkDotNet.Artifacts \
      --exclude=TestResults --exclude='*.db' --exclude='*.db-wal' --exclude='*.db-shm' -cf - . | tar -C "$WORK/src" -xf -
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  timeout 600 dotnet publish "$WORK/src/Locking.csproj" -c Release -o "$WORK/app" >"$WORK/publish.log" 2>&1 \
    || { tail -n 30 "$WORK/publish.log" >&2; die "publish of Locking.csproj"; }
}

# Starts $WORK/app on a free loopback port (Production, temp SQLite, or PostgreSQL when
# DATABASE=Postgres and start_postgres ran, demo accounts, the acquire and login rate limits off,
# logs at Warning) and waits until /health/ready; sets BASE and PID.
start_service() {
  BASE="http://127.0.0.1:$(free_port)"
  log "starting the service on $BASE (${DATABASE:-Sqlite})"
  (
    cd "$WORK/app"
    exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" \
      Auth__SigningKey="$(head -c 36 /dev/urandom | base64 | tr -d '\n')" \
      Database__Provider="${DATABASE:-Sqlite}" ConnectionStrings__Postgres="${POSTGRES_CONNECTION:-}" \
      ConnectionStrings__Locking="Data Source=$WORK/locking.db" \
      Seed__Demo=true \
      RateLimits__AcquireLock__PermitLimit=0 RateLimits__Login__PermitLimit=0 \
      Serilog__MinimumLevel__Default=Warning Serilog__MinimumLevel=Warning \
      ./Locking
  ) >"$WORK/service.log" 2>&1 &
  PID=$!
  local i
  for i in $(seq 1 120); do
    curl -sf --max-time 2 "$BASE/health/ready" >/dev/null 2>&1 && return
    kill -0 "$PID" 2>/dev/null || die "the service exited during start-up"
    [[ $i == 120 ]] && die "/health/ready not healthy within 60 s"
    sleep 0.5
  done
}
