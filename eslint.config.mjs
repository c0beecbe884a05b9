// Lint for the whole tree: typescript-eslint's recommended rules, plus Pulumi's own plugin, whose
// rules catch an Output interpolated into a template literal (it prints "Calling [toString] on an
// [Output<T>] is not supported" instead of the value). Those rules need type information.
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/**", "bin/**", "policies/node_modules/**", "**/*.js", "**/*.mjs"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "@typescript-eslint/no-floating-promises": "error",
        },
    },
    {
        // Tests read the recorded plan, whose inputs are whatever a resource type carries; chai's
        // assertions are expressions; some tests load a module inside a recorded program.
        files: ["test/**/*.ts"],
        rules: {
            "@typescript-eslint/no-unused-expressions": "off",
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-require-imports": "off",
        },
    },
);
