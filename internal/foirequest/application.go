package foirequest

import (
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// Delivery is the form in which the applicant asks to receive the information
// (条例第二十九条第二款第（三）项: 形式要求，包括获取信息的方式、途径).
type Delivery string

const (
	DeliveryPaper  Delivery = "paper"   // 纸质（邮寄）
	DeliveryPickup Delivery = "pickup"  // 纸质（当面领取）
	DeliveryEmail  Delivery = "email"   // 电子邮件
	DeliveryDisk   Delivery = "disk"    // 光盘等存储介质
	DeliveryOnline Delivery = "online"  // 网上获取
	DeliveryOnSite Delivery = "on_site" // 现场查阅
	DeliveryOther  Delivery = "other"   // 其他
)

// Deliveries lists the forms in display order.
var Deliveries = []Delivery{DeliveryPaper, DeliveryPickup, DeliveryEmail, DeliveryDisk, DeliveryOnline, DeliveryOnSite, DeliveryOther}

// Label is the Chinese name of the form.
func (d Delivery) Label() string {
	switch d {
	case DeliveryPaper:
		return "纸质文本（邮寄）"
	case DeliveryPickup:
		return "纸质文本（当面领取）"
	case DeliveryEmail:
		return "电子邮件"
	case DeliveryDisk:
		return "光盘等存储介质"
	case DeliveryOnline:
		return "网上获取"
	case DeliveryOnSite:
		return "现场查阅"
	case DeliveryOther:
		return "其他"
	}
	return string(d)
}

// Valid reports whether d is a known form.
func (d Delivery) Valid() bool {
	for _, x := range Deliveries {
		if d == x {
			return true
		}
	}
	return false
}

// Application is one 政府信息公开申请 as the store keeps it: the request, who made it,
// how it arrived, and its event log. ID, AgencyID and Number belong to the store.
type Application struct {
	ID          int64     `json:"id"`
	AgencyID    int64     `json:"agency_id"`
	Number      string    `json:"number"` // the agency's case number, e.g. 2025-0001
	Applicant   Applicant `json:"applicant"`
	Intake      Intake    `json:"intake"`
	Received    time.Time `json:"received"`    // 收到申请之日 (条例第三十一条), from Intake
	Description string    `json:"description"` // 申请公开的政府信息的名称、文号或者便于查询的其他特征性描述
	Delivery    Delivery  `json:"delivery"`
	Events      []Event   `json:"events"`
}

// Register validates a new application and returns it with Received set and the
// registered event as its first event. today is the current China day; userID is the
// staff member who records it (0 when the applicant submits online).
func Register(a Application, today time.Time, userID int64, at time.Time) (Application, error) {
	a.Applicant = a.Applicant.Normalized()
	// Every problem of the form at once: the applicant's, the day of receipt's, the
	// description's and the form of delivery's.
	problems := a.Applicant.Problems()
	if a.Intake.Channel != ChannelOrdinaryMail {
		a.Intake.Arrived = time.Time{} // only a 平信 is confirmed on its arrival day
	}
	received, err := a.Intake.ReceiptDay(today)
	if err != nil {
		problems = append(problems, apperr.MessageOf(err))
	}
	a.Description = strings.TrimSpace(a.Description)
	if a.Description == "" {
		problems = append(problems, "请描述申请公开的政府信息（名称、文号或者便于查询的其他特征性描述）")
	} else if utf8.RuneCountInString(a.Description) > 5000 {
		problems = append(problems, "申请内容描述过长（最多5000字）")
	}
	if !a.Delivery.Valid() {
		problems = append(problems, "请选择获取信息的方式")
	}
	if len(problems) > 0 {
		return Application{}, apperr.New(apperr.Invalid, strings.Join(problems, "；"))
	}
	if len(a.Events) > 0 {
		return Application{}, apperr.New(apperr.Conflict, "申请已经登记，不能重复登记")
	}
	a.Received = received
	reg := Event{Type: EventRegistered, Day: received, At: at, UserID: userID,
		Reason: a.Intake.Channel.Label() + "提交；" + a.Intake.Channel.ReceiptRule()}
	if f := a.Intake.LateConfirmation(); f != "" {
		reg.Reason += "。注意：" + f
	}
	if _, err := NewCase(reg); err != nil {
		return Application{}, err
	}
	a.Events = []Event{reg}
	return a, nil
}

// Case replays the application's events.
func (a Application) Case(cal *workday.Calendar) (*Case, error) {
	c, err := Replay(a.Events, cal)
	if err != nil {
		return nil, err
	}
	c.AgencyID = a.AgencyID
	return c, nil
}

// Record is the application's line for table 三.
func (a Application) Record(cal *workday.Calendar) (Record, error) {
	c, err := a.Case(cal)
	if err != nil {
		return Record{}, err
	}
	return c.Record(a.Applicant.Kind), nil
}
