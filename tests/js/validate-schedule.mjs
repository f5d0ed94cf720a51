// Validates a c3voc schedule.json against the c3voc JSON Schema (draft-06) with ajv, a complete JSON Schema validator.
// Usage: node validate-schedule.mjs <schema.json> <schedule.json>
// Prints "valid" and exits 0, or prints each error and exits 1.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const [schemaPath, filePath] = process.argv.slice(2);
if (!schemaPath || !filePath) {
  console.error("usage: node validate-schedule.mjs <schema.json> <schedule.json>");
  process.exit(2);
}
// The c3voc schema uses annotations ajv does not know ("deprecated", "$todo", "$oneOf"); they do not constrain anything.
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addMetaSchema(require("ajv/dist/refs/json-schema-draft-06.json"));
addFormats(ajv);
// "color" is the schema's own format name, for CSS colours; Plenary writes none.
ajv.addFormat("color", true);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
if (validate(JSON.parse(readFileSync(filePath, "utf8")))) {
  console.log("valid");
} else {
  for (const e of validate.errors) {
    console.log(`${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  }
  process.exit(1);
}
