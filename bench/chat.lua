-- wrk script for bench/http-load.sh: POSTs one chat completion (streamed when BENCH_STREAM=1,
-- with the virtual key from BENCH_KEY when set) and prints one machine-readable RESULT line.
local stream = os.getenv("BENCH_STREAM") == "1"
local key = os.getenv("BENCH_KEY") or ""

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end
wrk.body = '{"model":"gpt-4o-mini",'
  .. (stream and '"stream":true,"stream_options":{"include_usage":true},' or '')
  .. '"messages":[{"role":"system","content":"You are a helpful assistant."},'
  .. '{"role":"user","content":"Say hello to the benchmark, in one short sentence."}]}'

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
