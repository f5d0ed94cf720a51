// A program calling Plenary as an outside developer would: through a client generated from the app's own OpenAPI
// document (openapi-typescript writes the types, openapi-fetch makes the calls), nothing written by hand about the
// API but the calls themselves. `tsc --noEmit` checks these calls against the generated types, so a path, parameter,
// body or answer the document gets wrong fails before anything runs.
//
//   node api-client.mjs BASE_URL FORUM TOKEN
//
// FORUM is a forum whose Secretariat owns TOKEN. Prints what it saw as one JSON line; any surprise is a thrown error
// and a non-zero exit.
import assert from "node:assert/strict";
import createClient from "openapi-fetch";

const [baseUrl, forum, token] = process.argv.slice(2);
assert.ok(baseUrl && forum && token, "usage: node api-client.mjs BASE_URL FORUM TOKEN");

/**
 * A client of the generated API, with the headers every call sends.
 * @param {Record<string, string>} headers
 */
function client(headers) {
  return /** @type {typeof createClient<import("plenary-api").paths>} */ (createClient)({ baseUrl, headers });
}

const anyone = client({});
const secretariat = client({ Authorization: `Bearer ${token}` });

// Reading is open: the demo forum's programme, filtered as the document says the operation may be.
const sessions = await anyone.GET("/api/forums/{forum}/sessions", { params: { path: { forum: "igf2022" }, query: { type: "OF" } } });
assert.equal(sessions.response.status, 200, "the public programme");
assert.ok(sessions.data, "the programme has a body");
const of56 = sessions.data.find(s => s.key === "of-56");
assert.ok(of56, "Open Forum #56 is in the programme");
assert.ok(sessions.data.every(s => s.type === "OF"), "the type filter applies");

// A change with the Secretariat's token.
const room = { name: "Plenary Hall", layout: "Theater", capacity: 450, hasOnlineEquipment: true };
const added = await secretariat.POST("/api/forums/{forum}/rooms", { params: { path: { forum } }, body: room });
assert.equal(added.response.status, 201, `adding a room with a token: ${JSON.stringify(added.error)}`);
assert.ok(added.data, "the new room comes back");
assert.equal(added.data.name, room.name);
assert.equal(added.data.capacity, room.capacity);

// The same change, refused as the document says: a validation problem for a bad room...
const invalid = await secretariat.POST("/api/forums/{forum}/rooms", { params: { path: { forum } }, body: { ...room, name: "", capacity: 0 } });
assert.equal(invalid.response.status, 400, "a room without a name");
assert.equal(invalid.response.headers.get("content-type"), "application/problem+json");
const problem = invalid.error;
assert.ok(problem && "errors" in problem && problem.errors, `a validation problem: ${JSON.stringify(problem)}`);
assert.ok(problem.errors.name?.length, `the problem names the field: ${JSON.stringify(problem)}`);
assert.ok(problem.errors.capacity?.length, "and the capacity");

// ...and 401 with a problem body and a Bearer challenge without the token.
const refused = await anyone.POST("/api/forums/{forum}/rooms", { params: { path: { forum } }, body: { ...room, name: "Not added" } });
assert.equal(refused.response.status, 401, "a change without a token");
assert.equal(refused.response.headers.get("content-type"), "application/problem+json");
assert.equal(refused.error?.status, 401);
assert.ok(refused.error?.title, "the problem has a title");
assert.match(refused.response.headers.get("www-authenticate") ?? "", /^Bearer\b/);

console.log(JSON.stringify({
  sessions: sessions.data.length,
  added: { status: added.response.status, id: added.data.id, name: added.data.name },
  invalid: { status: invalid.response.status, fields: Object.keys(problem.errors).sort() },
  refused: { status: refused.response.status, title: refused.error?.title },
}));
