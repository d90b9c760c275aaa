package foirequest

import "gongkai/internal/account"

// handler is the staff member recording steps in the tests: 经办人 and 负责人 of the
// cases' agency (cases built by NewCase or Replay belong to agency 0).
var handler = account.Principal{UserID: 1, Name: "王主任", Roles: []account.Role{account.Clerk, account.Head}}
