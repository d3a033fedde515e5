export { ScalekitError } from "./scalekit-error";
export { ScalekitApiError, FieldViolation } from "./api-error";
export { ScalekitNetworkError } from "./network-error";
export { ScalekitAuthError } from "./auth-error";
export { ScalekitConfigError } from "./config-error";
export { ScalekitSlotWaitError } from "./slot-wait-error";
