package account

// System is the principal of background jobs and the command line: the operator of the
// deployment, who may do everything.
func System() Principal {
	return Principal{Name: "系统", Roles: []Role{SysAdmin}}
}

// Public is the principal of an anonymous visitor of the portal: no agency, no role.
func Public() Principal {
	return Principal{Name: "公众"}
}
