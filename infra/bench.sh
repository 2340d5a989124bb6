#!/usr/bin/env bash
# `npm run bench`: every benchmark, each printing its figures as ratios against a baseline measured in the same
# run on this machine (raw INSERT, a plain ordered read, a raw kafkajs producer, a bare Yoga server, tracing off).
# Speed targets live here, not in tests. Needs the PostgreSQL server; starts the local Kafka broker if needed.
#   BENCH_ONLY=append,rebuild,relay,graphql,tracing,documents,reminders   run a subset
#   BENCH_EVENTS=1000000                              events for the rebuild benchmark; append: also measure appends
#                                                     on a log pre-filled with that many events (unset: skipped)
set -uo pipefail
cd "$(dirname "$0")/.."
bash infra/postgres/ensure.sh || exit 1
only=${BENCH_ONLY:-append,rebuild,relay,graphql,tracing,documents,reminders}
status=0
run() {
  local name=$1 file=$2
  case ",$only," in *",$name,"*) ;; *) return 0 ;; esac
  if [ ! -f "$file" ]; then echo "== $name: $file missing"; status=1; return 0; fi
  echo; echo "== $name ($file)"
  npx tsx "$file" || status=1
}
kafka_started_here=false
case ",$only," in *",relay,"*|*",tracing,"*)
  if ! bash infra/kafka/kafka.sh status >/dev/null 2>&1; then bash infra/kafka/kafka.sh start && kafka_started_here=true; fi ;;
esac
export KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092}
run append infra/bench/append-bench.ts
run rebuild infra/bench/rebuild-bench.ts
run relay infra/bench/relay-bench.ts
run graphql infra/bench/graphql-bench.ts
run tracing infra/bench/tracing-bench.ts
run documents infra/bench/documents-bench.ts
run reminders infra/bench/reminders-bench.ts
$kafka_started_here && bash infra/kafka/kafka.sh stop >/dev/null 2>&1
exit $status
