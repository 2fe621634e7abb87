import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { v2 as webdav } from 'webdav-server';

export interface LocalWebDavServer {
  url: string;
  username: string;
  password: string;
  /** Requests by method, for what a test expects to have been asked. */
  requests: { method: string; path: string; ifNoneMatch: string | undefined }[];
  close(): Promise<void>;
}

/**
 * A real WebDAV server (the webdav-server package) serving a local folder on loopback,
 * standing for the Excel tool's SharePoint library. That package ignores conditional
 * requests and sends no ETag with a `201`; SharePoint does both, so the two are added
 * here (RFC 9110 `If-None-Match: *`, the ETag the package's own PROPFIND gives).
 */
export async function startWebDavServer(root: string, credentials = { username: 'ais-clerk', password: 'webdav-test-password' }): Promise<LocalWebDavServer> {
  const users = new webdav.SimpleUserManager();
  const user = users.addUser(credentials.username, credentials.password, false);
  const privileges = new webdav.SimplePathPrivilegeManager();
  privileges.setRights(user, '/', ['all']);
  const server = new webdav.WebDAVServer({
    hostname: '127.0.0.1',
    port: 0,
    httpAuthentication: new webdav.HTTPBasicAuthentication(users, 'AIS'),
    privilegeManager: privileges,
  });
  const requests: LocalWebDavServer['requests'] = [];
  const realOf = (urlPath: string): string => path.join(root, ...decodeURIComponent(urlPath.split('?')[0]!).split('/').filter(Boolean));
  server.beforeRequest((ctx, next) => {
    const method = ctx.request.method ?? '';
    const ifNoneMatch = ctx.request.headers['if-none-match'] as string | undefined;
    requests.push({ method, path: decodeURIComponent(ctx.requested.uri), ifNoneMatch });
    if (method === 'PUT') {
      const real = realOf(ctx.requested.uri);
      if (ifNoneMatch === '*' && existsSync(real)) {
        ctx.setCode(412);
        ctx.exit();
        return;
      }
      const writeHead = ctx.response.writeHead.bind(ctx.response) as (...args: unknown[]) => unknown;
      (ctx.response as unknown as { writeHead: (...args: unknown[]) => unknown }).writeHead = (...args: unknown[]) => {
        if (args[0] === 201 && existsSync(real)) ctx.response.setHeader('ETag', `"${createHash('md5').update(String(statSync(real).mtime.valueOf())).digest('hex')}"`);
        return writeHead(...args);
      };
    }
    next();
  });
  await new Promise<void>((resolve) => server.setFileSystem('/', new webdav.PhysicalFileSystem(root), () => resolve()));
  const http = await new Promise<Server>((resolve) => server.start((s) => resolve(s as Server)));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...credentials,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections?.();
        server.stop(() => resolve());
      }),
  };
}
