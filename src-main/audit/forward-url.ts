import { isLoopbackHost } from '../deel/environments';

/**
 * Where audit entries may be forwarded: https to any host; http only to this machine's own
 * loopback addresses (a local collector), and only when loopback is allowed (a development
 * build, or the developer setting in an installed one). Returns why a URL is refused, or
 * undefined when it may be used. An empty URL is "off", never refused.
 */
export function forwardUrlProblem(raw: string, allowLoopbackHttp: boolean): string | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'The collector URL is not a valid URL.';
  }
  if (url.username || url.password)
    return 'The collector URL must not carry a user name or password.';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol !== 'http:') return 'The collector URL must start with https://.';
  if (!isLoopbackHost(url.hostname))
    return 'The collector URL must be https: entries sent over http would be readable on the network.';
  if (!allowLoopbackHttp)
    return 'http to a loopback collector is a developer setup: turn on "Allow a loopback Deel host (developer setting)" in Settings, or use https.';
  return undefined;
}
