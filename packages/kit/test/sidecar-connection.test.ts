import net, { type AddressInfo, type Socket } from 'node:net';
import { runWithContext, ServiceInvoker } from '../src';

/**
 * A raw TCP "sidecar" on loopback that does to each request what `answer` says (the n-th request
 * overall, counting from 1), so the invoker meets connections that break the way real ones do.
 */
async function sidecar(answer: (socket: Socket, n: number) => void) {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk) => {
      if (chunk.toString('latin1').includes('\r\n\r\n')) answer(socket, ++requests);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const invoker = new ServiceInvoker({ DAPR_HOST: '127.0.0.1', DAPR_HTTP_PORT: port }, 'product', {
    checkAnswers: false,
  });
  return {
    invoker,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The invoker keeps its connection open for the next call.
        for (const socket of sockets) socket.destroy();
      }),
  };
}

const ok = (socket: Socket, body: string) =>
  socket.write(
    `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
  );

describe('calls to the sidecar when the connection breaks', () => {
  it('sends a call once more when its connection closed before any answer came', async () => {
    const stub = await sidecar((socket, n) => {
      if (n === 1) socket.destroy();
      else ok(socket, '{"id":"p1"}');
    });
    try {
      await expect(stub.invoker.call('GET', '/products/p1')).resolves.toEqual({ id: 'p1' });
      expect(stub.requests()).toBe(2);
    } finally {
      await stub.close();
    }
  });

  it('does not send it a second time when the answer broke off half-way', async () => {
    const stub = await sidecar((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"id":');
      setTimeout(() => socket.destroy(), 20);
    });
    try {
      await expect(stub.invoker.call('POST', '/reservations', { body: {} })).rejects.toMatchObject({
        status: 503,
        code: 'UNAVAILABLE',
      });
      expect(stub.requests()).toBe(1);
    } finally {
      await stub.close();
    }
  });

  it('gives up when no answer comes within the request budget', async () => {
    const stub = await sidecar(() => undefined);
    try {
      const started = Date.now();
      const call = runWithContext({ requestId: 'r1', deadline: Date.now() + 300 }, () =>
        stub.invoker.call('GET', '/products/p1'),
      );
      await expect(call).rejects.toMatchObject({
        status: 503,
        message: 'The product service did not answer in time',
      });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(stub.requests()).toBe(1);
    } finally {
      await stub.close();
    }
  });
});
