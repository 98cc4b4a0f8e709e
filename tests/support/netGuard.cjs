/*
 * Loaded with `node --require` into the engine's process (the web server or the CLI) during tests. It records every
 * outbound connection attempt the process makes — TCP, TLS, DNS lookups, HTTP(S) requests, fetch — to the file named
 * by CSW_NET_LOG (one JSON line each), and refuses any that is not loopback. Listening sockets (the server itself) are
 * not connections and are not recorded.
 */
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const tls = require('node:tls');

const logFile = process.env.CSW_NET_LOG;
const loopback = (host) => host === undefined || host === null || host === 'localhost' || host === '::1' || /^127\./.test(String(host)) || host === '';
function record(kind, target, allowed) {
  if (logFile) fs.appendFileSync(logFile, `${JSON.stringify({ kind, target: String(target), allowed, pid: process.pid })}\n`);
  if (!allowed) throw new Error(`netGuard: blocked ${kind} to ${target}`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  // net.connect() passes its arguments on already normalised, as an array whose first item is the options.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (options.path) record('ipc', options.path, true);
  else record('tcp', `${options.host ?? 'localhost'}:${options.port}`, loopback(options.host));
  return connect.apply(this, args);
};

const tlsConnect = tls.connect;
tls.connect = function guardedTlsConnect(...args) {
  const options = typeof args[0] === 'object' ? args[0] : { port: args[0], host: args[1] };
  record('tls', `${options.host ?? options.servername}:${options.port}`, loopback(options.host));
  return tlsConnect.apply(this, args);
};

for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const original = dns[name];
  dns[name] = function guardedDns(host, ...rest) {
    record(`dns.${name}`, host, loopback(host));
    return original.call(this, host, ...rest);
  };
}

if (typeof globalThis.fetch === 'function') {
  const fetch = globalThis.fetch;
  globalThis.fetch = function guardedFetch(input, init) {
    const url = new URL(typeof input === 'string' ? input : input.url);
    record('fetch', url.href, loopback(url.hostname));
    return fetch.call(this, input, init);
  };
}
