/** The shared examples (test/fixtures/definitions.ts), under the names these tests have always used. */
export { CONTRACT_EXAMPLES, copy } from "../../fixtures/definitions";
