// Parses an iCalendar file with ical.js (Mozilla's parser) and prints its events as JSON, instants in UTC.
// Usage: node parse-ics.mjs <file.ics>
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [file] = process.argv.slice(2);
const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
const events = calendar.getAllSubcomponents("vevent").map((v) => {
  const event = new ICAL.Event(v);
  return {
    uid: event.uid,
    summary: event.summary,
    description: event.description,
    location: event.location,
    url: v.getFirstPropertyValue("url"),
    status: v.getFirstPropertyValue("status"),
    sequence: event.sequence,
    categories: v.getAllProperties("categories").flatMap((p) => p.getValues()),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
  };
});
console.log(JSON.stringify({ name: calendar.getFirstPropertyValue("x-wr-calname"), events }));
