// The information officer's desk: the inbox of their institution by due date, and each request's actions.
// Online only (it is office work); every change is kept in the server's audit log.
import { useRoute } from "preact-iso";
import { RequestDesk } from "./office-desk";
import { Inbox } from "./office-inbox";

export function OfficeScreen() {
  const { params } = useRoute();
  return params.id ? <RequestDesk id={params.id} /> : <Inbox />;
}
