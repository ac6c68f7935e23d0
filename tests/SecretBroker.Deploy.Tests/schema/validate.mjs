// Validates Kubernetes objects against the upstream OpenAPI schema with kubernetes-models (models generated from the
// Kubernetes API by people other than us): reads YAML or JSON (one or more documents, files or stdin), and for each
// object calls the model's validate(). Prints one line per object; exit 0 when every object is valid, 1 when any is
// not (the validator's own message is printed), 2 for unusable input (unreadable, not YAML, a kind with no model).
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

async function modelFor(apiVersion, kind) {
  // kubernetes-models lays its modules out by API group: "v1" -> kubernetes-models/v1, "apps/v1" -> .../apps/v1.
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[a-z0-9.]+(\/[a-z0-9]+)?$/.test(apiVersion)) {
    return undefined;
  }
  try {
    const module = await import(`kubernetes-models/${apiVersion}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

function describe(object) {
  const name = object?.metadata?.name ?? "(unnamed)";
  return `${object?.apiVersion ?? "?"} ${object?.kind ?? "?"} ${name}`;
}

async function validate(object) {
  if (object === null || typeof object !== "object" || Array.isArray(object)) {
    return { usable: false, line: `not an object: ${JSON.stringify(object)}` };
  }
  const Model = await modelFor(object.apiVersion, object.kind);
  if (Model === undefined) {
    return { usable: false, line: `${describe(object)}: no model for this apiVersion and kind` };
  }
  try {
    new Model(object).validate();
    return { usable: true, valid: true, line: `ok ${describe(object)}` };
  } catch (error) {
    return { usable: true, valid: false, line: `invalid ${describe(object)}: ${error.message}` };
  }
}

function readInputs(paths) {
  if (paths.length === 0) {
    return [{ name: "stdin", text: readFileSync(0, "utf8") }];
  }
  return paths.map((path) => ({ name: path, text: readFileSync(path, "utf8") }));
}

let exitCode = 0;
let inputs;
try {
  inputs = readInputs(process.argv.slice(2));
} catch (error) {
  console.error(`cannot read the input: ${error.message}`);
  process.exit(2);
}

let count = 0;
for (const { name, text } of inputs) {
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      console.error(`${name}: not YAML: ${document.errors[0].message}`);
      process.exit(2);
    }
    const object = document.toJS();
    if (object === null || object === undefined) {
      continue; // an empty document between two separators
    }
    const result = await validate(object);
    count++;
    console.log(result.line);
    if (!result.usable) {
      exitCode = 2;
    } else if (!result.valid && exitCode === 0) {
      exitCode = 1;
    }
  }
}
if (count === 0) {
  console.error("no Kubernetes object in the input");
  process.exit(2);
}
process.exit(exitCode);
