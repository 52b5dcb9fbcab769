-- wrk script: POSTs a rotating mix of questions, one per request.
-- usage: wrk ... -s questions.lua URL -- MODE QUESTIONS_FILE
--   MODE ask:      /api/ask body {"question": ...}
--   MODE messages: a Bot Framework message activity with deliveryMode expectReplies
--   QUESTIONS_FILE: one JSON string literal per line ("How many staff...?")
local questions = {}
local mode = "ask"
local next_question = 0

function init(args)
  mode = args[1] or "ask"
  for line in io.lines(args[2]) do
    if #line > 0 then questions[#questions + 1] = line end
  end
  -- Threads start at different places in the mix.
  next_question = math.random(#questions)
end

local headers = { ["Content-Type"] = "application/json" }

function request()
  next_question = next_question % #questions + 1
  local question = questions[next_question]
  local body
  if mode == "messages" then
    body = '{"type":"message","id":"m' .. next_question .. '","channelId":"emulator",' ..
      '"serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies",' ..
      '"from":{"id":"user-' .. next_question % 50 .. '"},"recipient":{"id":"bot"},' ..
      '"conversation":{"id":"conversation-' .. next_question % 50 .. '"},"text":' .. question .. '}'
  else
    body = '{"question":' .. question .. '}'
  end
  return wrk.format("POST", nil, headers, body)
end
