// ESLint: Next's rules (core web vitals, TypeScript) and the import direction of STYLE.md, enforced rather than
// remembered: app → components → lib/server → lib/domain, never upward; lib/domain free of I/O and frameworks.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const upward = (layers) => layers.flatMap((layer) => [`@/${layer}`, `@/${layer}/**`, `**/${layer}/**`]);

const restrict = (files, patterns, message, ignores = []) => ({
  files,
  ignores,
  rules: { "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }] },
});

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", "lib/server/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      // Unused names are allowed when marked as such (`_omit`, `_prev`).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  restrict(
    ["lib/domain/**/*.ts"],
    [...upward(["app", "components", "lib/server"]), "next", "next/*", "react", "react-dom", "@prisma/*", "pg", "server-only", "node:fs", "node:fs/*", "fs", "node:child_process", "node:net", "node:http"],
    "lib/domain is pure: no framework, database or I/O imports, and nothing from the layers above it (STYLE.md).",
    // Its tests may read fixture files.
    ["lib/domain/**/*.test.ts"],
  ),
  restrict(["lib/server/**/*.ts"], upward(["app", "components"]), "lib/server must not import from app/ or components/ (STYLE.md: app → components → lib/server → lib/domain)."),
  restrict(["components/**/*.{ts,tsx}"], [...upward(["app"]), "**/generated/prisma/**", "@/lib/server/db"], "components are presentational: no imports from app/ and no data access (STYLE.md)."),
  // Playwright fixtures and test helpers call a function named `use`; they are not React.
  { files: ["e2e/**/*.ts", "test/**/*.ts", "scripts/**/*.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
];

export default config;
