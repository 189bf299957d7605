<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <source>Answer (optional):</source>
        <translation>回复内容（可不填）：</translation>
    </message>
    <message>
        <source>Received at:</source>
        <translation>收到时间：</translation>
    </message>
    <message>
        <source>Record the answer</source>
        <translation>签收回复</translation>
    </message>
    <message>
        <source>Record the signed receipt or written answer to %1.</source>
        <translation>登记%1的签收回执或书面回复。</translation>
    </message>
    <message>
        <source>e.g. a written explanation was handed in</source>
        <translation>例如：已提交书面说明</translation>
    </message>
</context>
<context>
    <name>DeliveryDialog</name>
    <message>
        <source>Delivered at:</source>
        <translation>送达时间：</translation>
    </message>
    <message>
        <source>Delivered by:</source>
        <translation>送达方式：</translation>
    </message>
    <message>
        <source>Received by:</source>
        <translation>签收人：</translation>
    </message>
    <message>
        <source>Record delivery</source>
        <translation>送达登记</translation>
    </message>
    <message>
        <source>Record how %1 was delivered.</source>
        <translation>登记%1的送达情况。</translation>
    </message>
    <message>
        <source>The person who signed the receipt</source>
        <translation>在送达回执上签名的人</translation>
    </message>
</context>
<context>
    <name>LetterActionDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LetterEditor</name>
    <message>
        <source>Add item</source>
        <translation>添加事项</translation>
    </message>
    <message>
        <source>Addressed to:</source>
        <translation>主送：</translation>
    </message>
    <message>
        <source>Appendix:</source>
        <translation>附件：</translation>
    </message>
    <message>
        <source>Attach the photos to the letter</source>
        <translation>附现场照片</translation>
    </message>
    <message>
        <source>Basis:</source>
        <translation>依据：</translation>
    </message>
    <message>
        <source>Copied to:</source>
        <translation>抄送：</translation>
    </message>
    <message>
        <source>Deadline (YYYY-MM-DD)</source>
        <translation>期限（年-月-日）</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>期限：</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>处理决定：</translation>
    </message>
    <message>
        <source>Evidence photos:</source>
        <translation>证据照片：</translation>
    </message>
    <message>
        <source>Facts:</source>
        <translation>事实：</translation>
    </message>
    <message>
        <source>Issuing office:</source>
        <translation>发文机关：</translation>
    </message>
    <message>
        <source>Items to rectify:</source>
        <translation>整改事项：</translation>
    </message>
    <message>
        <source>Notice of rights:</source>
        <translation>告知事项：</translation>
    </message>
    <message>
        <source>One paragraph per line</source>
        <translation>每段一行</translation>
    </message>
    <message>
        <source>One paragraph per line; several paragraphs are numbered 1. 2. …</source>
        <translation>每段一行；多段时自动编号为 1. 2. …</translation>
    </message>
    <message>
        <source>Opening:</source>
        <translation>开头：</translation>
    </message>
    <message>
        <source>Printed by:</source>
        <translation>印发机关：</translation>
    </message>
    <message>
        <source>Problem to rectify</source>
        <translation>整改事项</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>删除事项</translation>
    </message>
    <message>
        <source>Requirements:</source>
        <translation>有关要求：</translation>
    </message>
    <message>
        <source>Series code:</source>
        <translation>机关代字：</translation>
    </message>
    <message>
        <source>Signed by:</source>
        <translation>落款：</translation>
    </message>
    <message>
        <source>The series of the number, e.g. 效告 in 效告〔2026〕3号</source>
        <translation>文号中的机关代字，例如“效告〔2026〕3号”中的“效告”</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Untick a photo to leave it out of the letter</source>
        <translation>取消勾选的照片不写入公文</translation>
    </message>
</context>
<context>
    <name>LetterErrorText</name>
    <message>
        <source>This deadline (%1) is already past on the day of issue: set a later one.</source>
        <translation>该期限（%1）在签发日已过，请改为更晚的日期。</translation>
    </message>
    <message>
        <source>No photo could be taken: check the window&apos;s camera (Settings › Windows), or import the re-inspection photos.</source>
        <translation>无法拍照：请在“设置 › 窗口”中检查该窗口的摄像头，或改为导入复查照片。</translation>
    </message>
    <message>
        <source>A chosen photo no longer exists: choose the photos again.</source>
        <translation>所选照片已不存在：请重新选择。</translation>
    </message>
    <message>
        <source>A file of this letter (its PDF or a photo) is missing from the data folder: restore it from a backup or sync it from the server.</source>
        <translation>数据文件夹中缺少这份公文的文件（PDF或照片）：请从备份恢复，或从服务器同步。</translation>
    </message>
    <message>
        <source>A warning letter is addressed to a person, and these records name nobody.</source>
        <translation>效能告诫书须主送个人，而这些记录没有指明人员。</translation>
    </message>
    <message>
        <source>Item %1: </source>
        <translation>第%1项整改事项：</translation>
    </message>
    <message>
        <source>No letter number is left: connect and sync so that the server leases a new block of numbers (a standalone installation: use another series code in the letter template).</source>
        <translation>没有可用的文号：请联网同步，由服务器分配新的文号段（单机使用时，请在公文模板中改用其他机关代字）。</translation>
    </message>
    <message>
        <source>Only a draft can be deleted; an issued letter is revoked instead.</source>
        <translation>只能删除草稿；已签发的公文只能撤销。</translation>
    </message>
    <message>
        <source>Only an issued letter that was not delivered yet can be recorded as delivered: refresh the list.</source>
        <translation>只有已签发、尚未送达的公文才能登记送达：请刷新列表。</translation>
    </message>
    <message>
        <source>Only an issued or delivered letter can be acknowledged: refresh the list.</source>
        <translation>只有已签发或已送达的公文才能登记签收回复：请刷新列表。</translation>
    </message>
    <message>
        <source>Only an issued rectification notice is closed by a re-inspection: refresh the list.</source>
        <translation>只有已签发的整改通知书才能复查销号：请刷新列表。</translation>
    </message>
    <message>
        <source>Paragraph %1 of the body: </source>
        <translation>正文第%1段：</translation>
    </message>
    <message>
        <source>Paragraph %1 of the facts: </source>
        <translation>事实第%1段：</translation>
    </message>
    <message>
        <source>Photo %1 of the appendix: </source>
        <translation>附件照片%1：</translation>
    </message>
    <message>
        <source>The Chinese fonts for letters are missing: reinstall HallWatch or put a Song/FangSong TrueType font in its fonts folder.</source>
        <translation>缺少公文所用的中文字体：请重新安装 HallWatch，或在其字体文件夹中放入宋体或仿宋 TrueType 字体。</translation>
    </message>
    <message>
        <source>The character “%1” (%2) is not in the letter's font and would print as an empty box: write it another way (a common variant, or 某).</source>
        <translation>字符“%1”（%2）不在公文字体中，打印出来会是空框：请换一种写法（常用异体字，或写作“某”）。</translation>
    </message>
    <message>
        <source>The stored PDF of this letter was altered (its hash no longer matches): restore it from a backup.</source>
        <translation>这份公文存档的PDF已被改动（哈希值不符）：请从备份恢复。</translation>
    </message>
    <message>
        <source>These findings are at several units: one notice each.</source>
        <translation>这些问题涉及多个单位：请每个单位各起草一份。</translation>
    </message>
    <message>
        <source>These findings name several people (%1): one letter each.</source>
        <translation>这些问题涉及多人（%1）：请每人各起草一份。</translation>
    </message>
    <message>
        <source>This field cannot be changed here.</source>
        <translation>此项不能在这里修改。</translation>
    </message>
    <message>
        <source>This file cannot be used: choose an intact JPEG photo (.jpg, ≤ 50 MB).</source>
        <translation>无法使用该文件：请选择完好的 JPEG 照片（.jpg，不超过 50 MB）。</translation>
    </message>
    <message>
        <source>This letter is no longer a draft (issued in another window or on another device?): refresh the list.</source>
        <translation>这份公文已不是草稿（可能已在其他窗口或设备上签发）：请刷新列表。</translation>
    </message>
    <message>
        <source>This letter no longer exists (removed on another device?).</source>
        <translation>这份公文已不存在（可能已在其他设备上删除）。</translation>
    </message>
    <message>
        <source>This letter was revoked already, or is a draft (delete a draft instead): refresh the list.</source>
        <translation>这份公文已经撤销，或仍是草稿（草稿请直接删除）：请刷新列表。</translation>
    </message>
    <message>
        <source>This notice is addressed to a unit, and these records name none.</source>
        <translation>该通知书须主送单位，而这些记录没有指明单位。</translation>
    </message>
    <message>
        <source>This time is before the letter was issued.</source>
        <translation>这个时间早于公文签发时间。</translation>
    </message>
</context>
<context>
    <name>LetterPanel</name>
    <message>
        <source>%1 letters chosen: print them together with “Print chosen…”.</source>
        <translation>已选 %1 份公文：可用“批量打印…”一并打印。</translation>
    </message>
    <message>
        <source>%1 photos</source>
        <translation>%1 张照片</translation>
    </message>
    <message>
        <source>%1 working days overdue</source>
        <translation>逾期%1个工作日</translation>
    </message>
    <message>
        <source>&amp;Issue…</source>
        <translation>签发(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>撤销(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>(provisional: no holiday data for the year)</source>
        <translation>（暂定：当年节假日未录入）</translation>
    </message>
    <message>
        <source>Accountability suggestion</source>
        <translation>问责建议</translation>
    </message>
    <message>
        <source>Addressed to</source>
        <translation>主送</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>签收回复</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a letter to see where it stands.</source>
        <translation>选择一份公文，查看办理进程。</translation>
    </message>
    <message>
        <source>Close the notice with photos of the rectified problems</source>
        <translation>以整改后的照片复查销号</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>群众投诉</translation>
    </message>
    <message>
        <source>Copied to: %1</source>
        <translation>抄送：%1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>De&amp;lete draft…</source>
        <translation>删除草稿(&amp;L)…</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <source>Delete this draft? It has no number yet; it cannot be brought back.</source>
        <translation>删除这份草稿？草稿尚未编号，删除后不能恢复。</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>送达</translation>
    </message>
    <message>
        <source>Draft deleted.</source>
        <translation>草稿已删除。</translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation>草稿已保存。</translation>
    </message>
    <message>
        <source>Draft, not numbered yet</source>
        <translation>草稿（尚未编号）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理进程</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>签发</translation>
    </message>
    <message>
        <source>Issue the letter</source>
        <translation>签发公文</translation>
    </message>
    <message>
        <source>Issue this %1? It takes the next number of %2 from the register and the letter is frozen: it cannot be changed afterwards, only revoked.</source>
        <translation>签发这份%1？签发时将从文号登记簿取用“%2”的下一个文号，公文随即冻结：此后不能修改，只能撤销。</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>签发</translation>
    </message>
    <message>
        <source>Issued as %1.</source>
        <translation>已签发，文号：%1。</translation>
    </message>
    <message>
        <source>Made from</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Not saved: see the marked field.</source>
        <translation>未保存：请看标出的字段。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有改动。</translation>
    </message>
    <message>
        <source>PDF SHA-256</source>
        <translation>PDF 哈希</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>预览(&amp;V)</translation>
    </message>
    <message>
        <source>Pri&amp;nt…</source>
        <translation>打印(&amp;N)…</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>打印 %1</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Re-inspect and &amp;close…</source>
        <translation>复查销号(&amp;C)…</translation>
    </message>
    <message>
        <source>Re-inspected</source>
        <translation>复查销号</translation>
    </message>
    <message>
        <source>Record &amp;answer…</source>
        <translation>签收回复(&amp;A)…</translation>
    </message>
    <message>
        <source>Record &amp;delivery…</source>
        <translation>送达登记(&amp;D)…</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Save as PD&amp;F…</source>
        <translation>另存为PDF(&amp;F)…</translation>
    </message>
    <message>
        <source>Save the letter as PDF</source>
        <translation>将公文另存为PDF</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Show the letter's PDF as it prints</source>
        <translation>按打印效果显示公文PDF</translation>
    </message>
    <message>
        <source>Spot-check findings</source>
        <translation>检查发现的问题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Take the next number and freeze the letter; it cannot change afterwards</source>
        <translation>取用下一个文号并冻结公文，签发后不能再修改</translation>
    </message>
    <message>
        <source>Text of the letter</source>
        <translation>公文正文</translation>
    </message>
    <message>
        <source>The signed receipt or a written answer came back</source>
        <translation>收到签收回执或书面回复</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>received by %1</source>
        <translation>签收人：%1</translation>
    </message>
</context>
<context>
    <name>LetterPreviewDialog</name>
    <message>
        <source>%1 pages, A4</source>
        <translation>共 %1 页，A4</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Fit &amp;width</source>
        <translation>适合宽度(&amp;W)</translation>
    </message>
    <message>
        <source>Preview: %1</source>
        <translation>预览：%1</translation>
    </message>
    <message>
        <source>Pri&amp;nt…</source>
        <translation>打印(&amp;N)…</translation>
    </message>
    <message>
        <source>Save as PD&amp;F…</source>
        <translation>另存为PDF(&amp;F)…</translation>
    </message>
    <message>
        <source>Whole &amp;page</source>
        <translation>整页(&amp;P)</translation>
    </message>
</context>
<context>
    <name>LetterPrintJob</name>
    <message>
        <source>%1, page %2 of %3</source>
        <translation>%1，第 %2 页（共 %3 页）</translation>
    </message>
    <message>
        <source>Not printed: %1</source>
        <translation>未能打印：%1</translation>
    </message>
    <message>
        <source>Printed %1 letters (%2 pages).</source>
        <translation>已打印 %1 份公文（共 %2 页）。</translation>
    </message>
    <message>
        <source>Printing cancelled after %1 letters (%2 pages).</source>
        <translation>已取消打印：此前已打印 %1 份（%2 页）。</translation>
    </message>
    <message>
        <source>The printer stopped after %1 pages: check it and print again.</source>
        <translation>打印 %1 页后打印机停止工作：请检查打印机后重新打印。</translation>
    </message>
</context>
<context>
    <name>LetterTableModel</name>
    <message>
        <source>%1 working days overdue</source>
        <translation>逾期%1个工作日</translation>
    </message>
    <message>
        <source>(not numbered)</source>
        <translation>（未编号）</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>送达</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Title / addressed to</source>
        <translation>标题/对象</translation>
    </message>
</context>
<context>
    <name>LettersView</name>
    <message>
        <source>Number &amp;register…</source>
        <translation>文号登记簿(&amp;R)…</translation>
    </message>
    <message>
        <source>Every number taken per series and year, and the letter holding it</source>
        <translation>按机关代字和年度列出已用的每个文号及其公文</translation>
    </message>
    <message>
        <source>%1 letters</source>
        <translation>共 %1 份</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Overdue only</source>
        <translation>仅看逾期(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Print chosen…</source>
        <translation>批量打印(&amp;P)…</translation>
    </message>
    <message>
        <source>, %1 overdue</source>
        <translation>，逾期 %1 份</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Could not read the letters: %1</source>
        <translation>无法读取公文：%1</translation>
    </message>
    <message>
        <source>Find a letter</source>
        <translation>查找公文</translation>
    </message>
    <message>
        <source>Letters past their deadline that still wait for an answer or rectification</source>
        <translation>已过期限、仍在等待回复或整改的公文</translation>
    </message>
    <message>
        <source>Number or addressee</source>
        <translation>文号或对象</translation>
    </message>
    <message>
        <source>Print %1 letters</source>
        <translation>打印 %1 份公文</translation>
    </message>
    <message>
        <source>Print chosen letters</source>
        <translation>打印选中的公文</translation>
    </message>
    <message>
        <source>Print every chosen letter with one printer dialog (Ctrl+P)</source>
        <translation>一次打印所有选中的公文（Ctrl+P）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>Searc&amp;h:</source>
        <translation>搜索(&amp;H)：</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
</context>
<context>
    <name>RectifyDialog</name>
    <message>
        <source>&amp;Take photos</source>
        <translation>拍摄复查照片(&amp;T)</translation>
    </message>
    <message>
        <source>Take a photo with the camera of each window in this notice</source>
        <translation>用本通知涉及的每个窗口的摄像头各拍一张照片</translation>
    </message>
    <message>
        <source>Taking photos…</source>
        <translation>正在拍照…</translation>
    </message>
    <message>
        <source>%1 of %2 photos ticked</source>
        <translation>已勾选 %1 张，共 %2 张</translation>
    </message>
    <message>
        <source>&amp;Close the notice</source>
        <translation>销号(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Import photos…</source>
        <translation>导入照片(&amp;I)…</translation>
    </message>
    <message>
        <source>Close %1 after a re-inspection: tick the photos that show the problems rectified (taken after the notice was issued).</source>
        <translation>复查后为%1销号：请勾选能证明问题已整改的照片（须在通知书签发后拍摄）。</translation>
    </message>
    <message>
        <source>Findings of the re-inspection:</source>
        <translation>复查情况：</translation>
    </message>
    <message>
        <source>Import re-inspection photos</source>
        <translation>导入复查照片</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>JPEG photos (*.jpg *.jpeg)</source>
        <translation>JPEG 照片 (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>No photo taken after the notice yet: import the re-inspection photos.</source>
        <translation>尚无通知书签发后拍摄的照片：请导入复查照片。</translation>
    </message>
    <message>
        <source>Photos:</source>
        <translation>复查照片：</translation>
    </message>
    <message>
        <source>Re-inspected at:</source>
        <translation>复查时间：</translation>
    </message>
    <message>
        <source>Re-inspection</source>
        <translation>复查销号</translation>
    </message>
    <message>
        <source>e.g. the window staff now wear their badges</source>
        <translation>例如：窗口人员已按规定佩戴工作牌</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <source>&amp;Revoke</source>
        <translation>撤销(&amp;R)</translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation>撤销理由（必填）：</translation>
    </message>
    <message>
        <source>Revoke %1? It becomes void; its number stays taken and is never used again. This cannot be undone.</source>
        <translation>撤销%1？撤销后该公文作废，文号保留、不再使用。此操作不能恢复。</translation>
    </message>
    <message>
        <source>Revoke a letter</source>
        <translation>撤销公文</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Number register</source>
        <translation>文号登记簿</translation>
    </message>
    <message>
        <source>Every number taken, per series code and year. A revoked letter keeps its number; a number that no letter holds is a gap and is shown in red.</source>
        <translation>按机关代字和年度列出已用文号。撤销的公文保留其文号；没有公文对应的文号即为断号，以红色显示。</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>机关代字</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Numbered</source>
        <translation>已编号</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>其中撤销</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>号段</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>%1–%2, next %3</source>
        <translation>%1–%2，下一号 %3</translation>
    </message>
    <message>
        <source> (leased)</source>
        <translation>（服务器分配）</translation>
    </message>
    <message>
        <source>Gap: %1</source>
        <translation>断号：%1</translation>
    </message>
    <message>
        <source>No gap</source>
        <translation>无断号</translation>
    </message>
</context>
</TS>
