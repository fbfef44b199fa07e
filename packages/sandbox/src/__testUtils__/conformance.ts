import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { ServiceModel } from '../model/loader';
import { ModelValidator } from '../model/validator';
import { OPERATION_LOCAL } from '../protocols/restJson';
import type { Sandbox } from '../sandbox';

/*
 * What the model conformance tests of the REST-JSON services share: a listening sandbox
 * whose raw answers are recorded, and the check of every recorded answer against the
 * official model's output (or error) shape — the SDK alone would silently drop members it
 * does not know.
 */

export interface Recorded {
  operation?: string;
  status: number;
  headers: http.OutgoingHttpHeaders;
  body: string;
}

/**
 * Serves `sandbox()` on a loopback port for the enclosing `describe`, recording every
 * answer; `url` is set once its `beforeAll` has run (register it before the test's own).
 */
export function recordedSandbox(sandbox: () => Sandbox) {
  const state = { recorded: [] as Recorded[], url: '' };
  let server: http.Server;
  beforeAll(async () => {
    const recorder = express();
    recorder.use((_req, res, next) => {
      const chunks: Buffer[] = [];
      const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        if (chunk && typeof chunk !== 'function') {
          chunks.push(
            Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)),
          );
        }
        return end(chunk, ...rest);
      }) as typeof res.end;
      res.on('finish', () =>
        state.recorded.push({
          operation: res.locals[OPERATION_LOCAL],
          status: res.statusCode,
          headers: res.getHeaders(),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      next();
    });
    recorder.use(sandbox().app);
    server = http.createServer(recorder);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });
  return state;
}

/**
 * Every operation in `served` was answered, every error is one the model defines with its
 * status code, and every body (but those `skip` passes over) matches the model.
 */
export function expectModelAnswers(
  model: ServiceModel,
  recorded: Recorded[],
  options: { served: string[]; skip?: (r: Recorded) => boolean },
): void {
  const validator = new ModelValidator(model);
  const seen = new Set(recorded.map(r => r.operation));
  for (const operation of options.served) expect(seen).toContain(operation);
  const checked = recorded.filter(r => !options.skip?.(r));

  // Errors must be ones the model defines, sent with the model's status code.
  for (const r of checked.filter(x => x.status !== 200)) {
    const shape = model.shapes[String(r.headers['x-amzn-errortype'])];
    expect(shape?.exception).toBe(true);
    expect(r.status).toBe(shape.error?.httpStatusCode);
  }

  const problems: string[] = [];
  for (const r of checked) {
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['x-amzn-requestid']).toEqual(expect.any(String));
    const shape =
      r.status === 200
        ? model.operations[r.operation!].output!.shape
        : String(r.headers['x-amzn-errortype']);
    const result = validator.output(shape, JSON.parse(r.body));
    if (!result.ok)
      problems.push(`${r.operation} ${r.status}: ${result.message}`);
  }
  expect(problems).toEqual([]);
}
