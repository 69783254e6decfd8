// Every mutation type a device can push and its handler. A new type adds a file beside these and a line here.
// Accepted mutations are stored type by type in this order: inputs before the draft comments that cite them.
import { draftComment } from "./draft-comment";
import { inputCreate } from "./input-create";
import type { MutationHandlers } from "./mutation-handler";
import { workshopSave } from "./workshop-save";

export const MUTATION_HANDLERS: MutationHandlers = {
  "input.create": inputCreate,
  "workshop.save": workshopSave,
  "draft.comment": draftComment,
};
