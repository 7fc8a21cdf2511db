// A scripted OpenAI-compatible chat model on 127.0.0.1, for n8n's AI Agent with the OpenAI Chat
// Model node pointed at it (credential "Base URL": `${model.baseUrl}`). The first completion
// asks for one tool call; once the conversation holds the tool's answer, it replies with
// `answer(toolOutput)`. Every request body is kept in `model.requests`.
//
//   const model = await startFakeModel({ tool: /order/i, toolArguments: { orderId: 'X' }, answer: (out) => out });
import { createServer } from 'node:http';

const MODEL_ID = 'fake-model';

/**
 * @param script.tool           picks the tool to call among those the agent offers (by name)
 * @param script.toolArguments  the arguments of that call
 * @param script.answer         the final answer, from the content of the tool's message
 */
export async function startFakeModel({ tool, toolArguments, answer }) {
	const requests = [];
	const server = createServer(async (req, res) => {
		const body = await readJson(req);
		requests.push({ method: req.method, path: req.url, body });
		if (req.method === 'GET' && req.url.endsWith('/models')) {
			return sendJson(res, 200, { object: 'list', data: [{ id: MODEL_ID, object: 'model', owned_by: 'fake' }] });
		}
		if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
			return sendJson(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
		}
		const message = nextMessage(body, { tool, toolArguments, answer });
		if (!message) return sendJson(res, 400, { error: { message: `none of the tools offered matches ${tool}` } });
		if (body.stream) return sendStream(res, message);
		return sendJson(res, 200, completion(message));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		/** The tool's answer as the agent passed it back to the model (undefined before that). */
		toolOutputs: () => requests.flatMap((request) => toolMessages(request.body)).map((message) => message.content),
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

function toolMessages(body) {
	return (body?.messages ?? []).filter((message) => message.role === 'tool');
}

/** A tool call first; the final answer once the conversation has the tool's output. */
function nextMessage(body, { tool, toolArguments, answer }) {
	const [toolOutput] = toolMessages(body);
	if (toolOutput) return { role: 'assistant', content: answer(toolOutput.content) };
	const chosen = (body.tools ?? []).map((offered) => offered.function?.name).find((name) => tool.test(name ?? ''));
	if (!chosen) return undefined;
	return {
		role: 'assistant',
		content: null,
		tool_calls: [{ id: 'call_1', type: 'function', function: { name: chosen, arguments: JSON.stringify(toolArguments) } }],
	};
}

function completion(message) {
	return {
		id: 'chatcmpl-fake',
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: MODEL_ID,
		choices: [{ index: 0, message, finish_reason: message.tool_calls ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

/** The same message as server-sent chunks, for clients that ask for `stream: true`. */
function sendStream(res, message) {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	const chunk = (delta, finishReason = null) =>
		res.write(
			`data: ${JSON.stringify({
				id: 'chatcmpl-fake',
				object: 'chat.completion.chunk',
				created: Math.floor(Date.now() / 1000),
				model: MODEL_ID,
				choices: [{ index: 0, delta, finish_reason: finishReason }],
			})}\n\n`,
		);
	const toolCalls = message.tool_calls?.map((call, index) => ({ index, ...call }));
	chunk({ role: 'assistant', content: message.content ?? '', ...(toolCalls ? { tool_calls: toolCalls } : {}) });
	chunk({}, toolCalls ? 'tool_calls' : 'stop');
	res.end('data: [DONE]\n\n');
}

function sendJson(res, status, body) {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

async function readJson(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const text = Buffer.concat(chunks).toString();
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return { unparsed: text };
	}
}
