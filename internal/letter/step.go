package letter

import "gongkai/internal/foirequest"

// ForStep is the letter a step of a case sends the applicant: the 补正, 收费 and 延期
// notices, and the 答复书 of a reply or of an abandonment (逾期未补正, 逾期未缴费). ok is
// false for a step without a letter to the applicant (the 征求意见函 goes to the party
// consulted).
func ForStep(t foirequest.EventType) (Kind, bool) {
	switch t {
	case foirequest.EventCorrectionRequested:
		return KindCorrection, true
	case foirequest.EventFeeNotified:
		return KindFee, true
	case foirequest.EventExtended:
		return KindExtension, true
	case foirequest.EventReplied, foirequest.EventNoCorrection, foirequest.EventFeeUnpaid:
		return KindReply, true
	}
	return "", false
}
