-- Requests for wrk, cycled in order. SOAK_KIND=valid sends questions and health checks that must
-- all answer 200; SOAK_KIND=hostile sends malformed, oversized and unauthenticated requests that
-- must be refused with a 4xx, never a 5xx. Each thread counts the status codes it sees.

local json = 'application/json'

local function ask(question)
  return { method = 'POST', path = '/api/ask', headers = { ['Content-Type'] = json },
           body = '{"question": "' .. question .. '"}' }
end

local valid = {
  ask('How many staff does the regional office have?'),
  ask('¿Cuántos funcionarios tiene la oficina regional?'),
  ask('Quantos projetos tem o escritório regional?'),
  ask('Who coordinates the IOM mission in Guyana?'),
  ask('what is the weather in Lima'),
  ask('staf of the regional ofice'),
  ask('C++ AND \\"climate\\" OR migr* ~2 title:(x)'),
  { method = 'POST', path = '/api/ask', headers = { ['Content-Type'] = json },
    body = '{"question": "and how many projects?", "locale": "es-AR", "context": {"entity": "ro-south-america"}}' },
  { method = 'GET', path = '/healthz' },
  { method = 'GET', path = '/readyz' },
}

local nested = string.rep('[', 5000) .. string.rep(']', 5000)
local hostile = {
  { method = 'POST', path = '/api/ask', headers = { ['Content-Type'] = json }, body = '{not json' },
  { method = 'POST', path = '/api/ask', headers = { ['Content-Type'] = json }, body = '{"question": 42}' },
  { method = 'POST', path = '/api/ask', headers = { ['Content-Type'] = json }, body = '{"question": null, "context": []}' },
  { method = 'POST', path = '/api/ask', headers = { ['Content-Type'] = json }, body = '{"question": "' .. string.rep('x', 2500) .. '"}' },
  { method = 'POST', path = '/api/ask', headers = { ['Content-Type'] = json }, body = '{"question": "' .. string.rep('y', 70000) .. '"}' },
  { method = 'POST', path = '/api/ask', headers = { ['Content-Type'] = json }, body = '{"question": ' .. nested .. '}' },
  { method = 'POST', path = '/api/ask', headers = { ['Content-Type'] = json }, body = '{"question": "\xff\xfe\xc3\x28 bad utf-8"}' },
  { method = 'POST', path = '/api/ask', headers = { ['Content-Type'] = json }, body = '' },
  { method = 'POST', path = '/api/ask', headers = { ['Content-Type'] = 'text/plain' }, body = 'question=staff' },
  { method = 'POST', path = '/api/messages', headers = { ['Content-Type'] = json }, body = '{"type": "message", "text": "hi"}' },
  { method = 'POST', path = '/api/messages', headers = { ['Content-Type'] = json, ['Authorization'] = 'Bearer not.a.token' }, body = '{"type": "message"}' },
  { method = 'POST', path = '/slack/events', headers = { ['Content-Type'] = json }, body = '{"type": "url_verification", "challenge": "x"}' },
  { method = 'POST', path = '/slack/commands', headers = { ['Content-Type'] = 'application/x-www-form-urlencoded' }, body = 'command=%2Fask&text=staff' },
  { method = 'GET', path = '/api/ask' },
  { method = 'GET', path = '/../../etc/passwd' },
}

local requests = os.getenv('SOAK_KIND') == 'hostile' and hostile or valid
local encoded = {}

-- Encoded per thread once wrk knows the target: wrk.format adds its Host header only then.
function init(args)
  for i, r in ipairs(requests) do
    encoded[i] = wrk.format(r.method, r.path, r.headers, r.body)
  end
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local next_request = 0
counts = {}

function request()
  next_request = next_request % #encoded + 1
  return encoded[next_request]
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get('counts')) do
      totals[status] = (totals[status] or 0) + n
    end
  end
  local line = {}
  for status, n in pairs(totals) do
    table.insert(line, status .. '=' .. n)
  end
  table.sort(line)
  local e = summary.errors
  io.write(string.format('kind=%s requests=%d socket_errors=%d timeouts=%d p50_ms=%.1f p99_ms=%.1f statuses=%s\n',
    os.getenv('SOAK_KIND') or 'valid', summary.requests, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(line, ',')))
end
