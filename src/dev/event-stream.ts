// The preview's server-sent events (text/event-stream): the server writes
// them with eventMessage; the page reads them with the browser's EventSource,
// and the Node clients (the bench, the tests) with takeEvents.

/** One event as the stream carries it: its type, and its data as JSON on one line. */
export function eventMessage(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The complete events at the front of `buffer` (those with a type and data), and what follows them, not yet complete. */
export function takeEvents(buffer: string): { events: { type: string; data: unknown }[]; rest: string } {
  const events: { type: string; data: unknown }[] = [];
  let rest = buffer;
  let end: number;
  while ((end = rest.indexOf('\n\n')) !== -1) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const type = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (type && data) events.push({ type, data: JSON.parse(data) });
  }
  return { events, rest };
}
