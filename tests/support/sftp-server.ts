import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ssh2 from 'ssh2';
import { sshFingerprint } from '../../src/adapters/files/sftp.js';

const { Server, utils } = ssh2;
const { OPEN_MODE, STATUS_CODE } = utils.sftp;

export interface LocalSftpServer {
  port: number;
  /** The host key as `ssh-keygen -lf` prints it, for `settings.transport.hostKey`. */
  hostKey: string;
  username: string;
  password: string;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A real SFTP server (the ssh2 package's, version 3 of the protocol) serving a local
 * folder, on a free loopback port: what Ecase and CM-T expose, for the tests.
 */
export async function startSftpServer(root: string, credentials = { username: 'passerelle', password: 'sftp-test-password' }): Promise<LocalSftpServer> {
  const keys = utils.generateKeyPairSync('ed25519');
  const parsed = utils.parseKey(keys.public);
  if (parsed instanceof Error) throw parsed;
  const hostKey = sshFingerprint((Array.isArray(parsed) ? parsed[0]! : parsed).getPublicSSH());
  let accepted = 0;
  const open = new Set<ssh2.Connection>();
  const inside = (p: string): string => {
    const full = path.resolve(root, '.' + path.posix.resolve('/', p));
    if (full !== root && !full.startsWith(root + path.sep)) throw new Error('outside');
    return full;
  };
  const server = new Server({ hostKeys: [keys.private] }, (client) => {
    accepted += 1;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && ctx.username === credentials.username && ctx.password === credentials.password) ctx.accept();
      else ctx.reject(['password']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('sftp', (acceptSftp) => {
          const sftp = acceptSftp();
          const handles = new Map<number, { fd?: number; dir?: string; listed?: boolean }>();
          let next = 0;
          const handle = (entry: { fd?: number; dir?: string }): Buffer => {
            next += 1;
            handles.set(next, entry);
            const b = Buffer.alloc(4);
            b.writeUInt32BE(next);
            return b;
          };
          const lookup = (b: Buffer) => handles.get(b.readUInt32BE(0));
          const attrs = (s: Stats) => ({ mode: s.mode, uid: s.uid, gid: s.gid, size: s.size, atime: Math.floor(s.atimeMs / 1000), mtime: Math.floor(s.mtimeMs / 1000) });
          const fail = (id: number, error: unknown) => sftp.status(id, (error as NodeJS.ErrnoException).code === 'ENOENT' ? STATUS_CODE.NO_SUCH_FILE : STATUS_CODE.FAILURE);
          sftp.on('REALPATH', (id, p) => {
            const resolved = path.posix.resolve('/', p);
            sftp.name(id, [{ filename: resolved, longname: resolved, attrs: {} as never }]);
          });
          sftp.on('OPEN', (id, filename, flags) => {
            try {
              let mode = 'r';
              if (flags & OPEN_MODE.WRITE) mode = flags & OPEN_MODE.APPEND ? 'a' : flags & OPEN_MODE.EXCL ? 'wx' : 'w';
              sftp.handle(id, handle({ fd: openSync(inside(filename), mode) }));
            } catch (error) {
              fail(id, error);
            }
          });
          sftp.on('READ', (id, h, offset, length) => {
            const entry = lookup(h);
            if (entry?.fd === undefined) return sftp.status(id, STATUS_CODE.FAILURE);
            const buffer = Buffer.alloc(length);
            const read = readSync(entry.fd, buffer, 0, length, offset);
            if (read === 0) return sftp.status(id, STATUS_CODE.EOF);
            sftp.data(id, buffer.subarray(0, read));
          });
          sftp.on('WRITE', (id, h, offset, data) => {
            const entry = lookup(h);
            if (entry?.fd === undefined) return sftp.status(id, STATUS_CODE.FAILURE);
            writeSync(entry.fd, data, 0, data.length, offset);
            sftp.status(id, STATUS_CODE.OK);
          });
          sftp.on('CLOSE', (id, h) => {
            const entry = lookup(h);
            if (entry?.fd !== undefined) closeSync(entry.fd);
            handles.delete(h.readUInt32BE(0));
            sftp.status(id, STATUS_CODE.OK);
          });
          sftp.on('FSTAT', (id, h) => {
            const entry = lookup(h);
            if (entry?.fd === undefined) return sftp.status(id, STATUS_CODE.FAILURE);
            sftp.attrs(id, attrs(fstatSync(entry.fd)));
          });
          const statOf = (id: number, p: string) => {
            try {
              sftp.attrs(id, attrs(statSync(inside(p))));
            } catch (error) {
              fail(id, error);
            }
          };
          sftp.on('STAT', statOf);
          sftp.on('LSTAT', statOf);
          sftp.on('SETSTAT', (id) => sftp.status(id, STATUS_CODE.OK));
          sftp.on('FSETSTAT', (id) => sftp.status(id, STATUS_CODE.OK));
          sftp.on('OPENDIR', (id, p) => {
            try {
              if (!statSync(inside(p)).isDirectory()) return sftp.status(id, STATUS_CODE.FAILURE);
              sftp.handle(id, handle({ dir: inside(p) }));
            } catch (error) {
              fail(id, error);
            }
          });
          sftp.on('READDIR', (id, h) => {
            const entry = lookup(h);
            if (entry?.dir === undefined) return sftp.status(id, STATUS_CODE.FAILURE);
            if (entry.listed) return sftp.status(id, STATUS_CODE.EOF);
            entry.listed = true;
            const names = readdirSync(entry.dir).map((name) => {
              const s = statSync(path.join(entry.dir!, name));
              return { filename: name, longname: `${s.isDirectory() ? 'd' : '-'}rw-r--r-- 1 u g ${s.size} Jan 1 00:00 ${name}`, attrs: attrs(s) };
            });
            if (names.length === 0) return sftp.status(id, STATUS_CODE.EOF);
            sftp.name(id, names);
          });
          sftp.on('MKDIR', (id, p) => {
            try {
              mkdirSync(inside(p));
              sftp.status(id, STATUS_CODE.OK);
            } catch (error) {
              fail(id, error);
            }
          });
          sftp.on('RMDIR', (id, p) => {
            try {
              rmdirSync(inside(p));
              sftp.status(id, STATUS_CODE.OK);
            } catch (error) {
              fail(id, error);
            }
          });
          sftp.on('REMOVE', (id, p) => {
            try {
              unlinkSync(inside(p));
              sftp.status(id, STATUS_CODE.OK);
            } catch (error) {
              fail(id, error);
            }
          });
          // Version 3 semantics: a rename onto a taken name fails.
          sftp.on('RENAME', (id, from, to) => {
            try {
              if (existsSync(inside(to))) return sftp.status(id, STATUS_CODE.FAILURE);
              renameSync(inside(from), inside(to));
              sftp.status(id, STATUS_CODE.OK);
            } catch (error) {
              fail(id, error);
            }
          });
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hostKey,
    ...credentials,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open client connections would keep close() waiting.
        for (const c of open) c.end();
      }),
  };
}
