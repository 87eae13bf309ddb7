#!/usr/bin/env node
// Validates a unified (JSON) manifest offline: the manifest and its localization files against the JSON
// schemas bundled in @microsoft/app-manifest, and the package's icon files against their required sizes.
//
//   node validate.mjs path/to/manifest.json      (the folder must also hold the icons and localization files)
//
// Exit status: 0 valid, 1 invalid (the errors are printed), 2 could not validate (bad arguments, missing
// schema). The final check before an upload is still `npx office-addin-manifest validate`, which needs internet.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

// Never reach the network: the package falls back to downloading a schema it does not bundle.
globalThis.fetch = () => {
  throw new Error('network access is disabled in validate.mjs');
};

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
const { AppManifestUtils } = require('@microsoft/app-manifest');
const Ajv04 = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const ICON_SIZES = { color: 192, outline: 32, color32x32: 32 };

function fail(message) {
  console.error(`validate.mjs: ${message}`);
  process.exit(2);
}

function readJson(path, what) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return [undefined, `${what} ${path} cannot be read: ${error.message}`];
  }
  try {
    return [JSON.parse(text.replace(/^\uFEFF/, '')), undefined];
  } catch (error) {
    return [undefined, `${what} ${path} is not valid JSON: ${error.message}`];
  }
}

// The bundled copy of https://developer.microsoft.com/json-schemas/teams/v<version>/<file>.
function bundledSchema(manifestVersion, file) {
  const folder = manifestVersion === 'devPreview' ? 'vDevPreview' : `v${manifestVersion}`;
  const path = join(packageDir, 'build', 'json-schemas', 'teams', folder, file);
  if (!existsSync(path)) {
    return [undefined, `@microsoft/app-manifest bundles no ${file} for manifestVersion ${JSON.stringify(manifestVersion)}`];
  }
  // Some bundled schemas carry \a and \v escapes, which JSON does not allow; the package cleans them the same way.
  const text = readFileSync(path, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return [JSON.parse(text), undefined];
}

// Width and height from a PNG's IHDR chunk, or undefined when the file is not a PNG.
function pngSize(path) {
  const data = readFileSync(path);
  const signature = '89504e470d0a1a0a';
  if (data.length < 24 || data.subarray(0, 8).toString('hex') !== signature || data.toString('latin1', 12, 16) !== 'IHDR') {
    return undefined;
  }
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

// The manifest goes through the package's own validator, as Microsoft's tools run it.
async function manifestErrors(manifest, schema) {
  const failures = await AppManifestUtils.validateAgainstSchema(manifest, schema);
  return failures.map((failure) => `manifest.json: ${failure.trim()}`);
}

// The localization schema has patterns such as `\b]` that are invalid in Unicode mode, where the package's
// validator compiles every pattern, so it cannot load that schema. The same Ajv settings without the
// Unicode flag compile it.
function localizationValidator(schema) {
  const ajv = new Ajv04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  return ajv.compile(schema);
}

function localizationErrors(validate, localization, file) {
  if (validate(localization)) return [];
  return validate.errors.map((e) => `${file}: ${e.instancePath || '(root)'} ${e.message}. Details: ${JSON.stringify(e.params)}`);
}

async function main(argv) {
  if (argv.length !== 1 || argv[0].startsWith('-')) {
    fail('usage: node validate.mjs path/to/manifest.json');
  }
  const manifestPath = resolve(argv[0]);
  const folder = dirname(manifestPath);
  const [manifest, readError] = readJson(manifestPath, 'manifest');
  if (readError) {
    console.error(readError);
    return 1;
  }
  const version = manifest.manifestVersion;
  const [schema, schemaError] = bundledSchema(version, 'MicrosoftTeams.schema.json');
  if (schemaError) fail(schemaError);

  const errors = await manifestErrors(manifest, schema);

  // Localization files: each must exist and match the localization schema of the same manifest version.
  const info = manifest.localizationInfo ?? {};
  const files = [info.defaultLanguageFile, ...(info.additionalLanguages ?? []).map((language) => language.file)];
  const [localizationSchema, localizationError] = bundledSchema(version, 'MicrosoftTeams.Localization.schema.json');
  const validateLocalization = localizationSchema && localizationValidator(localizationSchema);
  for (const file of files.filter(Boolean)) {
    const [localization, error] = readJson(join(folder, file), 'localization file');
    if (error) {
      errors.push(error);
    } else if (localizationError) {
      errors.push(localizationError);
    } else {
      errors.push(...localizationErrors(validateLocalization, localization, file));
    }
  }

  // Icons: the schema only says "a relative path"; the package must hold PNGs of the sizes Microsoft requires.
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const file = manifest.icons?.[kind];
    if (!file) continue;
    const path = join(folder, file);
    if (!existsSync(path)) {
      errors.push(`icons.${kind}: ${file} is not in ${folder}`);
      continue;
    }
    const dimensions = pngSize(path);
    if (!dimensions) {
      errors.push(`icons.${kind}: ${file} is not a PNG`);
    } else if (dimensions[0] !== size || dimensions[1] !== size) {
      errors.push(`icons.${kind}: ${file} is ${dimensions[0]}x${dimensions[1]}, must be ${size}x${size}`);
    }
  }

  // Every ribbon button must run an action that a runtime declares.
  const extension = manifest.extensions?.[0] ?? {};
  const actions = new Set((extension.runtimes ?? []).flatMap((runtime) => (runtime.actions ?? []).map((a) => a.id)));
  (extension.ribbons ?? []).forEach((ribbon, r) =>
    (ribbon.tabs ?? []).forEach((tab, t) =>
      (tab.groups ?? []).forEach((group, g) =>
        (group.controls ?? []).forEach((control, c) => {
          if (control.actionId && !actions.has(control.actionId)) {
            errors.push(`extensions[0].ribbons[${r}].tabs[${t}].groups[${g}].controls[${c}]: actionId ${control.actionId} is not a runtime action`);
          }
        }),
      ),
    ),
  );

  if (errors.length) {
    console.error(`${manifestPath} is not valid (schema: manifestVersion ${version}, @microsoft/app-manifest bundled copy):`);
    for (const error of errors) console.error(`  - ${error}`);
    return 1;
  }
  console.log(`${manifestPath} is valid against the bundled manifestVersion ${version} schema (${files.filter(Boolean).length} localization files, icons checked).`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => fail(error.stack ?? String(error)),
);
