-- +goose Up
-- The default 主题分类 named the wrong item of 条例 第二十条 for twelve topics (重大建设项目
-- is 第（十）项; 扶贫、教育、医疗、社会保障、促进就业 第（十一）项; 突发公共事件 第（十二）项;
-- 环境保护、公共卫生、安全生产、食品药品、产品质量 第（十三）项). Topics an agency has not
-- changed are corrected; an agency's own wording stays.
UPDATE catalog_topics SET article = '第二十条第（十）项' WHERE code = 'major_projects' AND article = '第二十条第（十一）项';
UPDATE catalog_topics SET article = '第二十条第（十一）项' WHERE code IN ('social_assistance', 'education', 'health', 'social_security', 'employment') AND article = '第二十条第（十二）项';
UPDATE catalog_topics SET article = '第二十条第（十二）项' WHERE code = 'emergency' AND article = '第二十条第（十三）项';

-- +goose Down
UPDATE catalog_topics SET article = '第二十条第（十三）项' WHERE code = 'emergency' AND article = '第二十条第（十二）项';
UPDATE catalog_topics SET article = '第二十条第（十二）项' WHERE code IN ('social_assistance', 'education', 'health', 'social_security', 'employment') AND article = '第二十条第（十一）项';
UPDATE catalog_topics SET article = '第二十条第（十一）项' WHERE code = 'major_projects' AND article = '第二十条第（十）项';
